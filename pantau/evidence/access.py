"""Evidence is the office's: analysts and coordinators see previews and download originals.

Office IT (admin) and pokja members reach no evidence item here: a public
report's files are personal data, and the monitoring data is the analysts'.
"""

from django.shortcuts import get_object_or_404

from pantau.people.roles import ANALYSIS_ROLES, has_role

from .models import EvidenceItem

EVIDENCE_ROLES = ANALYSIS_ROLES


def evidence_for(user):
    if has_role(user, EVIDENCE_ROLES):
        return EvidenceItem.objects.all()
    return EvidenceItem.objects.none()


def get_evidence_for(user, pk) -> EvidenceItem:
    return get_object_or_404(evidence_for(user), pk=pk)
