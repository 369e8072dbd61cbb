from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Meeting(models.Model):
    """A pokja meeting, from planning through minutes; a follow-up links to the one before."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class Mode(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")

    title = models.CharField(_("title"), max_length=255)
    number = models.CharField(_("letter number"), max_length=120, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices, default=Mode.IN_PERSON)
    link = models.URLField(_("meeting link"), max_length=500, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("follow-up of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("chair"), on_delete=models.SET_NULL, null=True, blank=True
    )
    minutes = models.TextField(_("minutes"), blank=True)
    # What letters to people outside the office say the meeting is about: never the internal agenda,
    # whose items name risk scores, cases, clusters and other groups.
    public_agenda = models.TextField(
        _("public agenda"),
        blank=True,
        help_text=_("The agenda in letters to outside invitees (one item a line). The internal agenda never goes out."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    held_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return self.title

    @property
    def where(self) -> str:
        return self.link if self.mode == self.Mode.ONLINE else self.place


class Invitation(models.Model):
    """An invited agency, optionally a named person, and whether they attended."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    agency = models.ForeignKey("people.Agency", verbose_name=_("agency"), on_delete=models.PROTECT)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.SET_NULL, null=True, blank=True
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        ordering = ["agency__short_name", "name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or (str(self.person) if self.person else str(self.agency))


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=255)
    detail = models.TextField(_("detail"), blank=True)
    # Which agenda source proposed it ("" when typed by hand), so a second proposal adds no duplicate.
    source = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class Decision(models.Model):
    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        RECOMMENDATION = "recommendation", _("Recommendation")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DECISION)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "pk"]

    def __str__(self):
        return self.text[:80]


class ActionItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(pgettext_lazy("pokja", "action"), max_length=500)
    detail = models.TextField(_("detail"), blank=True)
    owner_agency = models.ForeignKey("people.Agency", verbose_name=_("owner agency"), on_delete=models.PROTECT)
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pokja_actions",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["status", "due_date", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        return bool(self.due_date and self.status != self.Status.DONE and self.due_date < timezone.localdate())
