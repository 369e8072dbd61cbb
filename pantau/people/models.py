from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ANALYST = "analyst", _("Analyst (staff)")
    COORDINATOR = "coordinator", _("Coordinator")
    POKJA = "pokja", _("Pokja member")
    ADMIN = "admin", _("Administrator")
    # A new account whose role awaits a coordinator's confirmation (grants.py): it may open nothing.
    NONE = "none", _("No role yet")


class Agency(models.Model):
    """An agency in the working group (Bawaslu, Diskominfo, Polres, ...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60)
    is_supervisor = models.BooleanField(
        _("election supervisor"),
        default=False,
        help_text=_("The Bawaslu office that runs this installation."),
    )
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["-is_supervisor", "short_name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self):
        return self.short_name


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.NONE)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    position = models.CharField(_("position"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username


class RoleGrant(models.Model):
    """A role that sees reporters' identities, asked for by someone who may not grant it alone.

    The user keeps their old role (a new account: no role) until a coordinator
    confirms; see grants.py.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Replaced by a later change")

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role asked for"), max_length=20, choices=Role.choices)
    previous_role = models.CharField(_("role before"), max_length=20, choices=Role.choices)
    requested_by = models.ForeignKey(
        User, verbose_name=_("asked by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        User, verbose_name=_("decided by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")

    def __str__(self):
        return f"{self.user.get_username()} → {self.role}"
