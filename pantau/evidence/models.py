from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EvidenceItem(models.Model):
    """Original bytes of one piece of evidence, kept by their SHA-256.

    The bytes never change; copies shown in the UI (EXIF stripped) are made
    separately so the original still matches its hash in court.
    """

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    size = models.PositiveBigIntegerField(_("size"))
    mime_type = models.CharField(_("file type"), max_length=100)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    source_url = models.URLField(_("source link"), max_length=2000, blank=True)
    captured_at = models.DateTimeField(_("captured at"))
    captured_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    captured_from = models.CharField(
        _("captured from"),
        max_length=255,
        blank=True,
        help_text=_("Where it came from: IP address, import file, public report."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-captured_at"]
        verbose_name = _("evidence item")
        verbose_name_plural = _("evidence items")

    def __str__(self):
        return self.sha256[:12]  # never the original name: a citizen's may hold their NIK (origins.py)


class ChainEntry(models.Model):
    """One line of the append-only evidence log; each entry hashes the one before it."""

    seq = models.PositiveBigIntegerField(unique=True)
    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="chain_entries")
    action = models.CharField(max_length=40, default="added")
    recorded_at = models.DateTimeField()
    payload = models.JSONField()
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]


class ImageFingerprint(models.Model):
    """The perceptual hash of an evidence image (pantau/evidence/fingerprints.py), kept beside the item."""

    item = models.OneToOneField(EvidenceItem, on_delete=models.CASCADE, related_name="fingerprint")
    # 128 bits as hex: pHash then dHash, each 64 bits.
    bits = models.CharField(max_length=32)
    computed_at = models.DateTimeField(auto_now_add=True)


class ImageMatch(models.Model):
    """Two evidence images that are the same picture; stored both ways round."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.CASCADE, related_name="image_matches")
    similar = models.ForeignKey(EvidenceItem, on_delete=models.CASCADE, related_name="+")
    distance = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["distance", "-similar__captured_at"]
        constraints = [models.UniqueConstraint(fields=["item", "similar"], name="evidence_image_match_once")]
