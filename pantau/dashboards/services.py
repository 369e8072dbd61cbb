"""What the web forms and the API share: the choices offered, the rules, the changes."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pantau.inventory.models import Account, Group, WatchStatus
from pantau.people.models import User

NOTHING_TO_WATCH = _("Watch at least one account, group or keyword.")


def watchable_accounts():
    # Every author starts as "dipantau"; only accounts the office has flagged are worth an alert.
    return Account.objects.exclude(status=WatchStatus.WATCHED).order_by("-risk_score", "name")


def watchable_groups():
    return Group.objects.order_by("-risk_score", "name")


def find_watchable(rows, refs):
    """Accounts or groups of `rows` named by handle (any case) or link: (found, refs not found)."""
    from django.db.models.functions import Lower

    found, missing = [], []
    for ref in (str(r).strip() for r in refs):
        if not ref:
            continue
        # Lower() rather than iexact, so an account's handle is found through the account_handle_lower index.
        row = rows.alias(handle=Lower("platform_id")).filter(handle=ref.lower()).first() or rows.filter(url=ref).first()
        (found.append(row) if row else missing.append(ref))
    return found, missing


def unknown_watchable_message(missing) -> str:
    return _("Not in the list of what may be watched: %(refs)s") % {"refs": ", ".join(missing[:5])}


def possible_subscribers():
    return User.objects.filter(is_active=True).order_by("username")


def watches_something(accounts, groups, keywords: str, high_severity: bool | None) -> bool:
    return bool(accounts or groups or (keywords or "").strip() or high_severity)


def find_posts(refs):
    """Posts named by id or by link: (posts found, refs not found), in the order given."""
    from pantau.intake.models import Post

    posts, missing = [], []
    for ref in refs:
        ref = str(ref).strip()
        if not ref:
            continue
        post = Post.objects.filter(pk=int(ref)).first() if ref.isdigit() else Post.objects.filter(url=ref).first()
        (posts.append(post) if post else missing.append(ref))
    return posts, missing


def unknown_posts_message(missing) -> str:
    return _("Unknown posts: %(refs)s") % {"refs": ", ".join(missing[:5])}


def mark_read(notifications) -> int:
    """Mark the unread ones among `notifications` read now; how many were."""
    return notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
