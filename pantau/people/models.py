from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ANALYST = "analyst", _("Analyst (staff)")
    COORDINATOR = "coordinator", _("Coordinator")
    POKJA = "pokja", _("Pokja member")
    ADMIN = "admin", _("Administrator")


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
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.ANALYST)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    position = models.CharField(_("position"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username
