from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One thing a person (or the operator at the server, actor None) did.

    The hash covers every field below and the previous entry's hash (chain.py),
    so editing or deleting a row breaks verification. `actor` may become NULL
    when a user is deleted; `actor_name` keeps who it was and is what is hashed.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=60, db_index=True)
    target_type = models.CharField(max_length=60, blank=True, db_index=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=255, blank=True)
    details = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")


class AuditHead(models.Model):
    """The single row writers lock to append (select_for_update), and the chain's last seq and hash.

    Locking this row rather than the last entry also serialises the very first
    writers, and a head ahead of the last entry shows that entries were cut off.
    """

    seq = models.PositiveBigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default="0" * 64)
