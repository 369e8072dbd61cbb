"""What each person may see and do in the pokja.

Analysts and coordinators see every meeting and action item. A pokja member
sees the meetings their agency is invited to and the action items their
agency owns, and may move only those items' status. The office's IT admin
runs accounts, not the pokja, and sees neither.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from pantau.people.roles import ANALYSIS_ROLES, DECIDER_ROLES, Role, has_role

from .models import ActionItem, Meeting

# Who takes part in the pokja's work: the office's analysts and coordinators, and the agencies' members.
POKJA_ROLES = frozenset(ANALYSIS_ROLES | {Role.POKJA})


def meetings_for(user):
    if has_role(user, ANALYSIS_ROLES):
        return Meeting.objects.all()
    if has_role(user, {Role.POKJA}) and user.agency_id:
        return Meeting.objects.filter(invitations__agency_id=user.agency_id).distinct()
    return Meeting.objects.none()


def get_meeting_for(user, pk) -> Meeting:
    return get_object_or_404(meetings_for(user), pk=pk)


def actions_for(user):
    if has_role(user, ANALYSIS_ROLES):
        return ActionItem.objects.all()
    if has_role(user, {Role.POKJA}) and user.agency_id:
        return ActionItem.objects.filter(owner_agency_id=user.agency_id)
    return ActionItem.objects.none()


def get_action_for(user, pk) -> ActionItem:
    return get_object_or_404(actions_for(user), pk=pk)


def can_prepare(user) -> bool:
    return has_role(user, ANALYSIS_ROLES)


def can_decide(user) -> bool:
    return has_role(user, DECIDER_ROLES)


def can_update_action(user, action: ActionItem) -> bool:
    if has_role(user, ANALYSIS_ROLES):
        return True
    return has_role(user, {Role.POKJA}) and action.owner_agency_id == user.agency_id


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
