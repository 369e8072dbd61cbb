"""A guard for role and agency changes made outside grants.py (a shell, a script, a future page).

They still happen, since the server's operator has machine access, but they
are recorded as made by the operator, so no change of who may see what is
missing from the audit log.
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from pantau.audit.log import record

from .grants import RECORDED
from .models import User

WATCHED = {"role", "agency"}


@receiver(pre_save, sender=User, dispatch_uid="people_unrecorded_role_change")
def unrecorded_change(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or instance.pk is None or getattr(instance, RECORDED, False):
        return
    if update_fields is not None and not WATCHED & set(update_fields):
        return  # e.g. last_login on every login: no query
    before = User.objects.filter(pk=instance.pk).values("role", "agency__code").first()
    if before is None:
        return
    agency = instance.agency.code if instance.agency_id else None
    if before["role"] != instance.role:
        record(None, "role.changed", instance, role=instance.role, previous=before["role"], via="direct save")
    if before["agency__code"] != agency:
        record(
            None,
            "agency.changed",
            instance,
            agency=agency or "",
            previous=before["agency__code"] or "",
            via="direct save",
        )
