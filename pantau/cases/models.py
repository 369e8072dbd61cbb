from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import deadlines, domain


class Case(models.Model):
    """The handling of one report or of the office's own finding (temuan)."""

    class Origin(models.TextChoices):
        REPORT = "report", _("Public report (laporan)")
        FINDING = "finding", _("Office's own finding (temuan)")

    # The number of the report or finding when the office took it in, and the register number once
    # registered (registers.py); people read and type these, never the internal id.
    number = models.CharField(_("number"), max_length=60, unique=True)
    register_number = models.CharField(_("register number"), max_length=60, unique=True, null=True, blank=True)
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices)
    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("report"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(_("status"), max_length=24, choices=domain.STATUSES, default=domain.RECEIVED)
    violations = models.JSONField(_("alleged violations"), default=list, blank=True)
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned to"), blank=True, related_name="+"
    )
    agencies = models.ManyToManyField("people.Agency", verbose_name=_("agencies"), blank=True, related_name="+")
    # What a finding (or a report's case) is about: the posts, accounts and clusters it came from.
    posts = models.ManyToManyField("intake.Post", verbose_name=_("posts"), blank=True, related_name="cases")
    accounts = models.ManyToManyField("inventory.Account", verbose_name=_("accounts"), blank=True, related_name="cases")
    clusters = models.ManyToManyField(
        "coordination.Cluster", verbose_name=_("coordination clusters"), blank=True, related_name="cases"
    )
    outcome = models.TextField(_("outcome"), blank=True)
    public_note = models.TextField(
        _("public note"), blank=True, help_text=_("Shown to the reporter on the status page.")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        """The number people use for the case: the register number once it has one."""
        return self.register_number or self.number

    def allowed_next(self):
        return sorted(domain.TRANSITIONS.get(self.status, set()), key=[s for s, _ in domain.STATUSES].index)

    def violation_list(self):
        return [domain.VIOLATION_BY_LABEL[v] for v in self.violations if v in domain.VIOLATION_BY_LABEL]


class CaseEvent(models.Model):
    """One step on the case's timeline: who did what, when."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("opened")
        STATUS = "status", _("status changed")
        ASSIGNED = "assigned", _("assigned")
        NOTE = "note", _("note")
        EXTENDED = "extended", _("deadline extended")
        ATTACHED = "attached", _("file attached")
        OUTCOME = "outcome", _("outcome recorded")
        WARNED = "warned", _("deadline warning sent")
        JOINED = "joined", _("report joined or kept apart")
        FORWARDED = "forwarded", _("forwarded")
        ANSWERED = "answered", _("agency's answer recorded")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    from_status = models.CharField(max_length=24, blank=True)
    to_status = models.CharField(max_length=24, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def from_label(self):
        return dict(domain.STATUSES).get(self.from_status, self.from_status)

    def to_label(self):
        return dict(domain.STATUSES).get(self.to_status, self.to_status)


class CaseDeadline(models.Model):
    """A statutory or procedural clock, started and met by events (see deadlines.DEADLINE_RULES)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    rule = models.CharField(max_length=40)
    started_at = models.DateTimeField()
    due_at = models.DateTimeField(db_index=True)
    extended = models.BooleanField(default=False)
    met_at = models.DateTimeField(null=True, blank=True)
    warned_at = models.DateTimeField(null=True, blank=True)
    # Not stored: worked out for the pages by services.open_deadlines (running, due_soon, overdue; met).
    state: str
    hours_left: int

    class Meta:
        ordering = ["due_at"]
        constraints = [models.UniqueConstraint(fields=["case", "rule"], name="case_deadline_rule_unique")]

    @property
    def rule_def(self):
        return deadlines.RULE_BY_KEY.get(self.rule)


class CaseAttachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    evidence = models.ForeignKey("evidence.EvidenceItem", on_delete=models.PROTECT, related_name="+")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at"]


class CaseReport(models.Model):
    """A further report about what a case handles, and the handler's choice: joined to the case or kept apart."""

    class Decision(models.TextChoices):
        JOINED = "joined", _("joined to the case")
        KEPT_APART = "apart", _("kept apart")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="report_links")
    report = models.ForeignKey("reports.Report", on_delete=models.PROTECT, related_name="case_links")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "report"], name="case_report_unique")]


class Forwarding(models.Model):
    """The case sent to a receiving agency (forwarding.DESTINATIONS): the letter, who was told, the answer."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="forwardings")
    destination = models.CharField(_("forwarded to"), max_length=20)
    agencies = models.ManyToManyField("people.Agency", verbose_name=_("receiving agencies"), related_name="+")
    number = models.CharField(_("letter number"), max_length=120)
    # The letter's "Kepada Yth." when it is not the destination's usual one (forwarding.addressee_of).
    addressee = models.CharField(_("addressee"), max_length=255, blank=True)
    request = models.TextField(_("what the office asks"), blank=True)
    # The reporter's identity goes in the letter only where the law requires it and the coordinator confirmed.
    with_identity = models.BooleanField(default=False)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    deadline = models.ForeignKey(CaseDeadline, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    answer = models.TextField(_("the agency's answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["sent_at", "pk"]

    def __str__(self):
        return f"{self.number} ({self.case.reference})"


class RegisterCounter(models.Model):
    """The last number issued by one register for one office and year (see registers.py)."""

    register = models.CharField(max_length=40)
    office = models.CharField(max_length=40)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["register", "office", "year"], name="register_counter_unique")]
