from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Platform(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    TIKTOK = "tiktok", "TikTok"
    X = "x", "X (Twitter)"
    YOUTUBE = "youtube", "YouTube"
    TELEGRAM = "telegram", "Telegram"
    WHATSAPP = "whatsapp", "WhatsApp"
    WEB = "web", _("Website")
    OTHER = "other", _("Other")


class WatchStatus(models.TextChoices):
    """The inventory's workflow, in the order the pokja moves through it."""

    WATCHED = "dipantau", _("Watched (dipantau)")
    FLAGGED = "ditandai", _("Flagged (ditandai)")
    CONFIRMED = "terkonfirmasi", _("Confirmed (terkonfirmasi)")
    ACTED_ON = "ditindaklanjuti", _("Followed up (ditindaklanjuti)")
    CLOSED = "selesai", _("Closed (selesai)")


class Watched(models.Model):
    """What accounts and groups share: a place in the inventory."""

    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    platform_id = models.CharField(_("platform id"), max_length=255, help_text=_("The id or handle on the platform."))
    name = models.CharField(_("name"), max_length=255, blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=WatchStatus.choices, default=WatchStatus.WATCHED)
    risk_score = models.FloatField(_("risk score"), default=0.0)
    # Kept by inventory/counts.py; the lists sort by it. Not indexed, as no sort of the lists is: an index
    # on it made every count an import adds, and every risk score, a write of each of the row's indexes
    # (migration 0006).
    post_count = models.PositiveIntegerField(_("posts"), default=0, db_default=0, editable=False)
    notes = models.TextField(_("notes"), blank=True)
    first_seen = models.DateTimeField(_("first seen"), null=True, blank=True)
    last_seen = models.DateTimeField(_("last seen"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name or self.platform_id


class Account(Watched):
    class Kind(models.TextChoices):
        PERSON = "person", _("Personal account")
        PAGE = "page", _("Page")
        CHANNEL = "channel", _("Channel")
        PHONE = "phone", _("Phone number")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    actor = models.ForeignKey(
        "Actor", verbose_name=_("actor"), on_delete=models.SET_NULL, null=True, blank=True, related_name="accounts"
    )

    class Meta:
        ordering = ["-risk_score", "name"]
        constraints = [models.UniqueConstraint(fields=["platform", "platform_id"], name="account_platform_id_unique")]
        # A reported link is matched to an account by its URL, or its handle in any case (reports.services).
        indexes = [
            models.Index(Lower("platform_id"), name="account_handle_lower"),
            models.Index(fields=["url"], name="account_url"),
        ]
        verbose_name = _("account")
        verbose_name_plural = _("accounts")


class Group(Watched):
    """A Facebook group, WhatsApp group, Telegram group or channel where posts appear."""

    class Meta:
        ordering = ["-risk_score", "name"]
        constraints = [models.UniqueConstraint(fields=["platform", "platform_id"], name="group_platform_id_unique")]
        verbose_name = _("group")
        verbose_name_plural = _("groups")


class Actor(models.Model):
    """One person or organisation behind several accounts (aliases across platforms)."""

    name = models.CharField(_("name"), max_length=255)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")

    def __str__(self):
        return self.name


class GroupRole(models.Model):
    """An account seen as admin, moderator or member of a group (whom the pokja may invite)."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Admin")
        MODERATOR = "moderator", _("Moderator")
        MEMBER = "member", _("Member")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="roles")
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="group_roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    seen_at = models.DateTimeField(_("seen at"))
    source = models.CharField(_("source"), max_length=255, blank=True, help_text=_("Where this was seen."))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["role", "account__name"]
        constraints = [models.UniqueConstraint(fields=["group", "account", "role"], name="group_role_unique")]

    def __str__(self):
        return f"{self.account} · {self.get_role_display()} · {self.group}"


class StatusChange(models.Model):
    """Who moved an account or group through the workflow, when and why."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, null=True, blank=True, related_name="status_changes")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, null=True, blank=True, related_name="status_changes")
    old_status = models.CharField(max_length=20, choices=WatchStatus.choices)
    new_status = models.CharField(max_length=20, choices=WatchStatus.choices)
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
