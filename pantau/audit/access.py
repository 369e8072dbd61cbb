"""Who reads the audit log: coordinators only (it names who saw which reporter's identity)."""

from pantau.people.roles import DECIDER_ROLES, has_role

from .models import AuditEntry

AUDIT_ROLES = DECIDER_ROLES


def entries_for(user):
    if has_role(user, AUDIT_ROLES):
        return AuditEntry.objects.select_related("actor")
    return AuditEntry.objects.none()
