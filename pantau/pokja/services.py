"""Pokja operations shared by the pages, the API and the demo."""

from django.db import transaction
from django.utils import timezone

from .models import ActionItem, Meeting


@transaction.atomic
def hold_meeting(meeting: Meeting, minutes: str = "", attended_ids=None) -> Meeting:
    if minutes:
        meeting.minutes = minutes
    if attended_ids is not None:
        attended = {int(pk) for pk in attended_ids}
        for invitation in meeting.invitations.all():
            invitation.attended = invitation.pk in attended
            invitation.save(update_fields=["attended"])
    meeting.status = Meeting.Status.HELD
    meeting.held_at = timezone.now()
    meeting.save(update_fields=["minutes", "status", "held_at"])
    return meeting


def set_action_status(action: ActionItem, status: str) -> ActionItem:
    if status not in ActionItem.Status.values:
        raise ValueError(f"unknown status {status!r}")
    action.status = status
    action.done_at = timezone.now() if status == ActionItem.Status.DONE else None
    action.save(update_fields=["status", "done_at", "updated_at"])
    return action


@transaction.atomic
def plan_follow_up(meeting: Meeting, starts_at, user=None, **fields) -> Meeting:
    """A follow-up meeting inherits the invitees (not their attendance) of the one before."""
    follow_up = Meeting.objects.create(
        title=fields.pop("title", "") or f"Rapat lanjutan: {meeting.title}",
        starts_at=starts_at,
        mode=fields.pop("mode", meeting.mode),
        link=fields.pop("link", ""),
        place=fields.pop("place", ""),
        previous=meeting,
        chair=meeting.chair,
        created_by=user,
        **fields,
    )
    for invitation in meeting.invitations.all():
        invitation.pk = None
        invitation.meeting = follow_up
        invitation.attended = None
        invitation.save()
    return follow_up
