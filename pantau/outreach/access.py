"""Who sees people outside the office.

Their names, ties and contact details (phone, e-mail, address) are personal
data, and the groups they run are the office's own findings: only analysts
and coordinators see any of it. A pokja member, the IT admin and the public
see none, on pages, in the API, in exports and in documents alike.
"""

from django.shortcuts import get_object_or_404

from pantau.people.roles import ANALYSIS_ROLES, has_role

from .models import Commitment, OutsideInvitation, Person

OUTREACH_ROLES = ANALYSIS_ROLES


def may_work(user) -> bool:
    return has_role(user, OUTREACH_ROLES)


def people_for(user):
    """People the user may see; merged duplicates are left out (their record lives on in the other)."""
    if user is None or may_work(user):
        return Person.objects.filter(merged_into__isnull=True)
    return Person.objects.none()


def get_person_for(user, pk) -> Person:
    return get_object_or_404(people_for(user), pk=pk)


def invitations_for(user):
    if user is None or may_work(user):
        return OutsideInvitation.objects.all()
    return OutsideInvitation.objects.none()


def get_invitation_for(user, pk) -> OutsideInvitation:
    return get_object_or_404(invitations_for(user), pk=pk)


def commitments_for(user):
    if user is None or may_work(user):
        return Commitment.objects.all()
    return Commitment.objects.none()


def get_commitment_for(user, pk) -> Commitment:
    return get_object_or_404(commitments_for(user), pk=pk)
