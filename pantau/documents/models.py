from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IssuedNumber(models.Model):
    """One outgoing letter's number from the register: issued once, never given to another letter."""

    year = models.PositiveIntegerField(_("year"))
    code = models.CharField(_("classification code"), max_length=40)
    sequence = models.PositiveIntegerField(_("sequence"))
    number = models.CharField(_("letter number"), max_length=120)
    # What the number was issued for ("invitation:person:12"), so the same letter made again keeps it.
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(_("document"), max_length=40)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    recipient = models.CharField(_("recipient"), max_length=500, blank=True)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["-year", "code", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["year", "code", "sequence"], name="issued_number_sequence_unique")
        ]
        verbose_name = _("issued letter number")
        verbose_name_plural = _("register of outgoing letters")

    def __str__(self):
        return self.number


class OfficeLogo(models.Model):
    """The logo on the letterhead, uploaded by the office's IT; the newest one is used."""

    image = models.BinaryField(_("image"))
    mime_type = models.CharField(max_length=40)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("office logo")
