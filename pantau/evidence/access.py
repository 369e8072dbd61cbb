"""Evidence is the office's: staff see previews, analysts and coordinators download originals."""

from django.shortcuts import get_object_or_404

from pantau.people.roles import ANALYSIS_ROLES, OFFICE_ROLES, has_role

from .models import EvidenceItem


def evidence_for(user):
    if has_role(user, OFFICE_ROLES):
        return EvidenceItem.objects.all()
    return EvidenceItem.objects.none()


def get_evidence_for(user, pk) -> EvidenceItem:
    return get_object_or_404(evidence_for(user), pk=pk)


def may_download(user) -> bool:
    return has_role(user, ANALYSIS_ROLES)
