from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .taxonomy import LABELS, SEVERITY_NAMES

LABEL_CHOICES = [(key, value[0]) for key, value in LABELS.items()]


class Classification(models.Model):
    """The current result of detection for one post, with the model that produced it."""

    post = models.OneToOneField("intake.Post", on_delete=models.CASCADE, related_name="classification")
    scores = models.JSONField(_("scores"), default=dict)
    flagged = models.JSONField(_("flagged labels"), default=list)
    severity = models.PositiveSmallIntegerField(_("severity"), default=0)
    explanation = models.JSONField(_("explanation"), default=dict)
    factcheck = models.ForeignKey(
        "FactCheck", on_delete=models.SET_NULL, null=True, blank=True, related_name="classifications"
    )
    model_version = models.CharField(_("model version"), max_length=120)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("classification")
        verbose_name_plural = _("classifications")
        # Covers the review queue's count (flagged posts not reviewed) without reading the rows.
        indexes = [models.Index(fields=["severity", "post"], name="classification_severity_post")]

    def __str__(self):
        return f"{self.post_id}: {', '.join(self.flagged) or '-'}"

    @property
    def severity_name(self):
        return SEVERITY_NAMES.get(self.severity, self.severity)


class Review(models.Model):
    """An analyst's decision on one label of one post: training data for the next model."""

    class Decision(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    post = models.ForeignKey("intake.Post", on_delete=models.CASCADE, related_name="reviews")
    label = models.CharField(_("label"), max_length=30, choices=LABEL_CHOICES)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return f"{self.post_id} {self.label} {self.decision}"


class SlangEntry(models.Model):
    """A slang or "alay" spelling the office adds to the normaliser's dictionary."""

    slang = models.CharField(_("slang"), max_length=100, unique=True)
    standard = models.CharField(_("standard form"), max_length=200)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slang"]
        verbose_name = _("slang entry")
        verbose_name_plural = _("slang entries")

    def __str__(self):
        return f"{self.slang} -> {self.standard}"


class FactCheck(models.Model):
    """A fact-check (schema.org ClaimReview): a claim, its rating and where it was checked."""

    key = models.CharField(max_length=64, unique=True, help_text="sha256 of claim and link: imports are idempotent")
    claim = models.TextField(_("claim"))
    rating = models.CharField(_("rating"), max_length=100, blank=True)
    is_false = models.BooleanField(_("claim is false"), default=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    claimant = models.CharField(_("claimed by"), max_length=200, blank=True)
    date_published = models.DateField(_("published"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=40, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date_published", "-created_at"]
        verbose_name = _("fact-check")
        verbose_name_plural = _("fact-checks")

    def __str__(self):
        return self.claim[:80]
