"""What the inventory adds to the other apps, through the seams of pantau.core.seams."""

from datetime import timedelta

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pantau.core.seams import seams
from pantau.people.roles import ANALYSIS_ROLES
from pantau.pokja.agenda import LISTED, Proposal

from . import api, demo
from .access import accounts_for, groups_for
from .counts import recount_posts
from .exports import inventory_export
from .models import Account, Group, WatchStatus
from .report import inventory_report
from .risk import HIGH_RISK

seams.exports.add(inventory_export, "inventory", "Inventaris akun dan grup", ANALYSIS_ROLES)
seams.documents.add(inventory_report, "inventory", "Laporan inventarisasi akun media sosial", ANALYSIS_ROLES)


def _inventory(user):
    """Accounts and groups the agenda may name: all of them, or what `user` may see."""
    if user is None:
        return Account.objects.all(), Group.objects.all()
    return accounts_for(user), groups_for(user)


def _names(rows) -> str:
    lines = [f"- {row.name or row.platform_id} ({row.get_platform_display()}) {row.url}".rstrip() for row in rows]
    return "\n".join(lines)


@seams.agenda_sources("inventory.flagged", order=10)
def flagged_since_last_meeting(meeting, since, user=None):
    accounts, groups = _inventory(user)

    def flagged(rows):
        rows = rows.filter(status=WatchStatus.FLAGGED)
        return rows.filter(updated_at__gte=since) if since else rows

    count = flagged(accounts).count() + flagged(groups).count()
    accounts, groups = list(flagged(accounts)[:LISTED]), list(flagged(groups)[:LISTED])
    if not count:
        return []
    return [
        Proposal(
            _("Inventory of %(count)d accounts and groups flagged since the last meeting") % {"count": count},
            _names(accounts + groups),
            "inventory.flagged",
        )
    ]


@seams.agenda_sources("inventory.high_risk", order=20)
def high_risk_accounts(meeting, since, user=None):
    """Accounts and groups at or above the risk scale's cut (pantau/inventory/risk.py), riskiest first."""

    def risky(rows):
        return rows.filter(risk_score__gte=HIGH_RISK).exclude(status=WatchStatus.CLOSED).order_by("-risk_score", "pk")

    accounts, groups = (risky(rows) for rows in _inventory(user))
    count = accounts.count() + groups.count()
    if not count:
        return []
    return [
        Proposal(
            _("High-risk accounts and groups (%(count)d)") % {"count": count},
            _names(list(accounts[:LISTED]) + list(groups[:LISTED])),
            "inventory.high_risk",
        )
    ]


@seams.panels("risky", gettext_lazy("Riskiest accounts and groups"), ANALYSIS_ROLES, order=40)
def riskiest(user):
    return render_to_string(
        "inventory/panels/risky.html",
        {"accounts": Account.objects.order_by("-risk_score")[:10], "groups": Group.objects.order_by("-risk_score")[:5]},
    )


seams.menu.add("inventory:accounts", gettext_lazy("Inventory"), order=50)

seams.demo_data.add(demo.load)

seams.api_routes.add(api.routes)


@seams.routines("inventory.post_counts", gettext_lazy("Recount every account's and group's posts"),
                every=timedelta(days=1))  # fmt: skip
def recount_all_posts():
    # Catches what the import's receiver cannot see: a re-imported post that moved to another author or group.
    return recount_posts()
