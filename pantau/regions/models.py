from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Province")
    REGENCY = "regency", _("Regency/city")
    KECAMATAN = "kecamatan", _("District (kecamatan)")
    DESA = "desa", _("Village (desa/kelurahan)")


class Region(models.Model):
    """One administrative region, identified by its Kepmendagri code (e.g. 62.13.01)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=120)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    aliases = models.CharField(_("other spellings"), max_length=255, blank=True)
    # GeoJSON geometry (WGS84) when a boundary file was imported; used for maps.
    boundary = models.JSONField(null=True, blank=True)
    center_lon = models.FloatField(null=True, blank=True)
    center_lat = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name

    def spellings(self) -> list[str]:
        return [self.name, *[a.strip() for a in self.aliases.split(";") if a.strip()]]
