"""Agenda proposals drawn from the data, one pluggable source each.

A source is `fn(meeting, since, user=None) -> list[Proposal]`; `since` is
when the previous held meeting took place (None for the first). `user` None
draws from everything (the office preparing the meeting); a user draws only
from what that user's access helpers return, which is how a pokja member
reads the same agenda without seeing another agency's cases or actions
(`agenda_for`). Other apps add theirs (open cases, coordination clusters)
with `@agenda_source("cases.open")` in their AppConfig.ready(), and the
coordinator then edits the proposal.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

AGENDA_SOURCES: dict = {}
LISTED = 15


@dataclass
class Proposal:
    title: str
    detail: str
    source: str


def agenda_source(key: str):
    def register(fn):
        AGENDA_SOURCES[key] = fn
        return fn

    return register


def _inventory(user):
    """Accounts and groups the agenda may name: all of them, or what `user` may see."""
    from pantau.inventory.access import accounts_for, groups_for
    from pantau.inventory.models import Account, Group

    if user is None:
        return Account.objects.all(), Group.objects.all()
    return accounts_for(user), groups_for(user)


def _names(rows) -> str:
    lines = [f"- {row.name or row.platform_id} ({row.get_platform_display()}) {row.url}".rstrip() for row in rows]
    return "\n".join(lines)


@agenda_source("inventory.flagged")
def flagged_since_last_meeting(meeting, since, user=None):
    from pantau.inventory.models import WatchStatus

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


@agenda_source("inventory.high_risk")
def high_risk_accounts(meeting, since, user=None):
    """Accounts and groups at or above the risk scale's cut (pantau/inventory/risk.py), riskiest first."""
    from pantau.inventory.models import WatchStatus
    from pantau.inventory.risk import HIGH_RISK

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


@agenda_source("pokja.actions")
def open_actions(meeting, since, user=None):
    from .access import actions_for
    from .models import ActionItem

    rows = ActionItem.objects.all() if user is None else actions_for(user)
    rows = rows.exclude(status=ActionItem.Status.DONE).exclude(meeting=meeting)
    rows = list(rows.select_related("owner_agency")[:50])
    if not rows:
        return []
    today = timezone.localdate()
    lines = []
    for row in rows:
        late = _(" (OVERDUE)") if row.due_date and row.due_date < today else ""
        due = row.due_date.isoformat() if row.due_date else "-"
        lines.append(f"- {row.title} [{row.owner_agency}] {due}{late}")
    overdue = sum(1 for row in rows if row.due_date and row.due_date < today)
    return [
        Proposal(
            _("Follow-up of open action items (%(count)d, %(overdue)d overdue)")
            % {"count": len(rows), "overdue": overdue},
            "\n".join(lines),
            "pokja.actions",
        )
    ]


def last_held_before(meeting):
    from .models import Meeting

    rows = Meeting.objects.filter(status=Meeting.Status.HELD, starts_at__lt=meeting.starts_at).exclude(pk=meeting.pk)
    return rows.order_by("-starts_at").first()


def propose(meeting) -> list[Proposal]:
    previous = last_held_before(meeting)
    since = previous.starts_at if previous else None
    proposals = []
    for fn in AGENDA_SOURCES.values():
        proposals.extend(fn(meeting, since))
    return proposals


def agenda_for(meeting, user) -> list:
    """The meeting's agenda as `user` may read it.

    Items typed by hand are the coordinator's words for every invitee. Items
    proposed from the data list cases, actions and accounts, so for anyone
    whose access is narrower than the office's they are drawn again from
    what that person may see, and left out when nothing of theirs is in them.
    """
    from pantau.people.roles import ANALYSIS_ROLES, has_role

    items = list(meeting.agenda.all())
    if user is None or has_role(user, ANALYSIS_ROLES):
        return items
    previous = last_held_before(meeting)
    since = previous.starts_at if previous else None
    readable = []
    for item in items:
        source = AGENDA_SOURCES.get(item.source)
        if source is None:
            readable.append(item)
            continue
        mine = [p for p in source(meeting, since, user) if p.source == item.source]
        if mine:
            item.title, item.detail = mine[0].title, mine[0].detail
            readable.append(item)
    return readable


def add_proposals(meeting) -> int:
    """Add the proposed items the agenda lacks; replace the text of ones proposed before."""
    from .models import AgendaItem

    added = 0
    order = (meeting.agenda.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    for proposal in propose(meeting):
        existing = meeting.agenda.filter(source=proposal.source).first()
        if existing:
            existing.title, existing.detail = proposal.title, proposal.detail
            existing.save(update_fields=["title", "detail"])
            continue
        AgendaItem.objects.create(
            meeting=meeting, order=order, title=proposal.title, detail=proposal.detail, source=proposal.source
        )
        order += 1
        added += 1
    return added


__all__ = ["AGENDA_SOURCES", "Proposal", "agenda_source", "agenda_for", "propose", "add_proposals"]
