"""What the pokja's meeting page and the inventory's group page show of outside people.

Added in plugin.py to the `meeting_sections` and `group_sections` seams;
both return None for anyone who may not see outside people, so the page
leaves the section out instead of showing an empty one.
"""

from pantau.inventory.report import REPORTED_STATUSES

from .access import commitments_for, invitations_for, may_work
from .effect import group_effect, last_meeting_for
from .forms import CloseForm, CommitmentForm, StatusForm
from .models import OutsideInvitation
from .services import proposed_invitees


def meeting_panel(meeting, user):
    from pantau.inventory.access import groups_for

    if not may_work(user):
        return None
    invitations = list(invitations_for(user).filter(meeting=meeting).select_related("person", "group"))
    invited = {inv.person_id for inv in invitations}
    flagged = groups_for(user).filter(status__in=REPORTED_STATUSES).order_by("-risk_score", "pk")[:30]
    proposals = [
        (group, [(key, label, person and person.pk in invited) for key, label, person in rows])
        for group, rows in proposed_invitees(flagged)
    ]
    groups = {inv.group for inv in invitations if inv.group}
    return {
        "invitations": [
            (inv, StatusForm(initial={"status": inv.status, "represented_by": inv.represented_by}))
            for inv in invitations
        ],
        "statuses": OutsideInvitation.Status.choices,
        "proposals": proposals,
        "commitments": commitments_for(user).filter(meeting=meeting).select_related("person", "group", "evidence"),
        "commitment_form": CommitmentForm(prefix="com", meeting=meeting),
        "effects": [(group, group_effect(group, meeting, user)) for group in sorted(groups, key=str)],
    }


def group_panel(group, user):
    if not may_work(user):
        return None
    meeting = last_meeting_for(group)
    return {
        "ties": group.ties.filter(person__merged_into__isnull=True).select_related("person", "account"),
        "commitments": commitments_for(user).filter(group=group).select_related("person", "meeting", "evidence"),
        "meeting": meeting,
        "effect": group_effect(group, meeting, user) if meeting else None,
        "close_form": CloseForm(auto_id=False),
    }
