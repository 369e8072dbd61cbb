"""People who are not users of Pantau: whom the office invites, and what came of it.

Their contact details are personal data (UU 27/2022): `access.py` decides who
reads them, and every page, answer and document goes through it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Person(models.Model):
    class Kind(models.TextChoices):
        GROUP_ADMIN = "group_admin", _("Group admin")
        MODERATOR = "moderator", _("Moderator")
        PAGE_OWNER = "page_owner", _("Page or account owner")
        COMMUNITY_FIGURE = "community_figure", _("Community figure")
        RELIGIOUS_FIGURE = "religious_figure", _("Religious figure")
        PLATFORM_CONTACT = "platform_contact", _("Platform contact")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.GROUP_ADMIN)
    phone = models.CharField(_("phone / WhatsApp"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.TextField(_("address"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # A person entered twice is merged into the other record, which then holds everything.
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("outside person")
        verbose_name_plural = _("outside people")

    def __str__(self):
        return self.name


class Tie(models.Model):
    """A group or account a person runs, their role there, and how the office knows it."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Admin")
        MODERATOR = "moderator", _("Moderator")
        OWNER = "owner", _("Owner")
        ACCOUNT = "account", _("Uses this account")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ties")
    group = models.ForeignKey(
        "inventory.Group", verbose_name=_("group"), on_delete=models.CASCADE, null=True, blank=True, related_name="ties"
    )
    account = models.ForeignKey(
        "inventory.Account",
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ties",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    source = models.CharField(_("source"), max_length=255, blank=True, help_text=_("How the office knows this."))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["role", "pk"]

    def __str__(self):
        return f"{self.person} · {self.get_role_display()} · {self.group or self.account}"


class PersonChange(models.Model):
    """The history of a person's record: who changed what, when."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="changes")
    summary = models.TextField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]


class OutsideInvitation(models.Model):
    """An outside person invited to a pokja meeting, for a group they run."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited (diundang)")
        CONFIRMED = "confirmed", _("Confirmed (dikonfirmasi)")
        ATTENDED = "attended", _("Attended (hadir)")
        ABSENT = "absent", _("Absent (tidak hadir)")
        REPRESENTED = "represented", _("Represented (diwakili)")

    meeting = models.ForeignKey("pokja.Meeting", on_delete=models.CASCADE, related_name="outside_invitations")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="invitations")
    group = models.ForeignKey(
        "inventory.Group", verbose_name=_("group"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INVITED)
    represented_by = models.CharField(_("represented by"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="outside_invitation_unique")]

    def __str__(self):
        return f"{self.person} · {self.meeting}"

    @property
    def came(self) -> bool:
        return self.status in (self.Status.ATTENDED, self.Status.REPRESENTED)


class Commitment(models.Model):
    """What an outside person agreed to do at a meeting, followed up until kept or not."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        KEPT = "kept", _("Kept")
        NOT_KEPT = "not_kept", _("Not kept")

    meeting = models.ForeignKey("pokja.Meeting", on_delete=models.CASCADE, related_name="commitments")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="commitments")
    group = models.ForeignKey(
        "inventory.Group",
        verbose_name=_("group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
    )
    text = models.TextField(_("commitment"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    closing_note = models.TextField(_("closing note"), blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=1000, blank=True)
    evidence = models.ForeignKey(
        "evidence.EvidenceItem", verbose_name=_("screenshot"), on_delete=models.PROTECT, null=True, blank=True
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["status", "due_date", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self):
        return self.text[:80]

    @property
    def is_overdue(self) -> bool:
        return bool(self.due_date and self.status == self.Status.OPEN and self.due_date < timezone.localdate())
