from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    """A public report (laporan masyarakat), or initial information (informasi awal) when it misses
    a formal requirement (anonymous, or sent after the reporting window: see requirements.py).

    The reporter's identity is one encrypted JSON blob (name, address, phone,
    e-mail, NIK) that only report handlers may read; everyone else sees the
    pseudonym. Nothing else on the report identifies the reporter.
    """

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received (diterima)")
        IN_REVIEW = "in_review", _("Under initial review (kajian awal)")
        REGISTERED = "registered", _("Registered (diregistrasi)")
        NOT_REGISTERED = "not_registered", _("Not registered (tidak diregistrasi)")
        IN_ASSESSMENT = "in_assessment", _("Being examined (klarifikasi dan kajian)")
        DECIDED = "decided", _("Decided (diputuskan)")
        VIOLATION = "violation", _("Decided: a violation")
        NO_VIOLATION = "no_violation", _("Decided: not a violation")
        FORWARDED = "forwarded", _("Forwarded (diteruskan)")
        CLOSED = "closed", _("Closed (selesai)")
        # Initial information: not a registered report, but the office may look into it and take it up.
        INFORMATION = "information", _("Received as initial information (informasi awal)")
        INQUIRY = "inquiry", _("Being looked into (penelusuran)")
        FINDING = "finding", _("Taken up as the office's finding (temuan)")

    class Kind(models.TextChoices):
        REPORT = "report", _("Report (laporan)")
        INFORMATION = "information", _("Initial information (informasi awal)")

    code = models.CharField(_("receipt code"), max_length=32, unique=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.REPORT)
    # The keys of requirements.REQUIREMENTS whose absence made it initial information, as sorted when filed.
    kind_reasons = models.JSONField(default=list, blank=True)
    identity_token = models.TextField(blank=True, help_text="Fernet-encrypted JSON; see reports/crypto.py")
    identity_erased_at = models.DateTimeField(null=True, blank=True)
    has_email = models.BooleanField(default=False)
    reported_name = models.CharField(_("reported person or account"), max_length=255, blank=True)
    reported_links = models.JSONField(_("links"), default=list, blank=True)
    description = models.TextField(_("what happened"))
    occurred_on = models.DateField(_("when it happened"), null=True, blank=True)
    known_on = models.DateField(_("when you learnt of it"), null=True, blank=True)
    kecamatan = models.ForeignKey(
        "regions.Region",
        verbose_name=_("kecamatan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    place_detail = models.CharField(_("exact place"), max_length=255, blank=True)
    consent_at = models.DateTimeField(_("privacy notice accepted at"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return self.code

    @property
    def pseudonym(self) -> str:
        return _("Reporter #%(n)s") % {"n": self.pk}

    @property
    def kind_label(self):
        return self.get_kind_display()

    @property
    def is_information(self) -> bool:
        return self.kind == self.Kind.INFORMATION


class ReportAttachment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    evidence = models.ForeignKey("evidence.EvidenceItem", on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    # The file's name on the citizen's phone and the address it came from: personal data, so
    # encrypted like the identity and shown only on the identity page (erased with it).
    origin_token = models.TextField(blank=True, help_text="Fernet-encrypted JSON; see reports/crypto.py")

    class Meta:
        ordering = ["added_at"]
        constraints = [models.UniqueConstraint(fields=["report", "evidence"], name="report_attachment_unique")]


class ReportLink(models.Model):
    """A link the reporter gave, normalised, and the post or account it matches in Pantau."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="links")
    url = models.CharField(max_length=2000)
    normalized = models.CharField(max_length=2000, db_index=True)
    post = models.ForeignKey("intake.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    account = models.ForeignKey("inventory.Account", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")


class ReportUpdate(models.Model):
    """What the reporter sees on the status page: each status change and its public note."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="updates")
    at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=Report.Status.choices)
    public_note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]


class IdentityAccessLog(models.Model):
    """Every time a person was shown a reporter's identity."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="identity_views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    via = models.CharField(max_length=20, default="page")

    class Meta:
        ordering = ["-at"]

    # How the identity was shown, in words (the stored value stays a key for the audit log).
    VIA_NAMES = {"page": _("on the identity page"), "api": _("through the API")}

    @property
    def via_name(self) -> str:
        return str(self.VIA_NAMES.get(self.via, self.via))


class RateCount(models.Model):
    """How often one browser or address did one thing (sent a report, looked one up) in a fixed window.

    In the database so that every web process counts the same attempts (reports/ratelimit.py).
    """

    key = models.CharField(max_length=200)
    window_start = models.BigIntegerField()  # seconds since the epoch, a multiple of the window's length
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="ratecount_key_window")]
