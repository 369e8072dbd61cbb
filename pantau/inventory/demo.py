"""Demo inventory: the busiest accounts flagged and confirmed, group admins seen, one actor with two accounts."""

from django.contrib.auth import get_user_model
from django.db.models import Count

from .models import Account, Group, GroupRole, StatusChange, WatchStatus
from .services import add_group_role, change_status, link_alias


def load(out, options):
    if StatusChange.objects.exists() or GroupRole.objects.exists():
        out.write("  inventory workflow already there, none added")
        return
    analyst = get_user_model().objects.filter(role="analyst").order_by("pk").first()
    busiest = list(Account.objects.annotate(n=Count("posts")).filter(n__gt=0).order_by("-n", "pk")[:6])
    for account in busiest[:4]:
        change_status(account, WatchStatus.FLAGGED, analyst, "Sering membagikan unggahan provokatif di grup.")
    for account in busiest[:2]:
        change_status(account, WatchStatus.CONFIRMED, analyst, "Dibahas dan dikonfirmasi dalam rapat pokja.")
    groups = list(Group.objects.order_by("pk")[:3])
    for n, group in enumerate(groups):
        admin, _ = Account.objects.get_or_create(
            platform=group.platform, platform_id=f"fb-admin-{n + 1:02d}", defaults={"name": f"Admin Grup {n + 1}"}
        )
        add_group_role(group, admin, GroupRole.Role.ADMIN, analyst, source="Halaman anggota grup (demo)")
        if busiest:
            add_group_role(group, busiest[n % len(busiest)], GroupRole.Role.MEMBER, analyst, source="Unggahan di grup")
    if len(busiest) >= 2:
        tiktok, _ = Account.objects.get_or_create(
            platform="tiktok", platform_id=busiest[0].platform_id + ".tt", defaults={"name": busiest[0].name}
        )
        link_alias(busiest[0], tiktok, analyst, busiest[0].name)
    out.write(f"  {len(busiest[:4])} accounts flagged, {len(groups)} group admins, 1 actor")
