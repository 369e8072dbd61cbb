"""Agenda proposals drawn from the data, one source each, from the apps that own the data.

A source comes through the `agenda_sources` seam (pantau.core.seams):
`fn(meeting, since, user=None) -> list[Proposal]`; `since` is when the
previous held meeting took place (None for the first). `user` None draws
from everything (the office preparing the meeting); a user draws only from
what that user's access helpers return, which is how a pokja member reads
the same agenda without seeing another agency's cases or actions
(`agenda_for`). The coordinator then edits the proposal.
"""

from dataclasses import dataclass

from pantau.core.seams import seams

LISTED = 15


@dataclass
class Proposal:
    title: str
    detail: str
    source: str


def agenda_sources() -> dict:
    """The sources by key, in their declared order (the order their items are proposed in)."""
    return {c.key: c.value for c in sorted(seams.agenda_sources, key=lambda c: c.order)}


def last_held_before(meeting):
    from .models import Meeting

    rows = Meeting.objects.filter(status=Meeting.Status.HELD, starts_at__lt=meeting.starts_at).exclude(pk=meeting.pk)
    return rows.order_by("-starts_at").first()


def propose(meeting) -> list[Proposal]:
    previous = last_held_before(meeting)
    since = previous.starts_at if previous else None
    proposals = []
    for fn in agenda_sources().values():
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
        source = agenda_sources().get(item.source)
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


__all__ = ["Proposal", "agenda_sources", "agenda_for", "propose", "add_proposals"]
