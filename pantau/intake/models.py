from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pantau.inventory.models import Platform


class Post(models.Model):
    """One piece of social-media content, however it reached Pantau.

    `natural_key` makes imports idempotent: platform + post id when known,
    else the normalised URL, else author + time + content hash.
    """

    natural_key = models.CharField(max_length=400, unique=True)
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    platform_post_id = models.CharField(_("post id"), max_length=255, blank=True)
    url = models.URLField(_("link"), max_length=2000, blank=True)
    author = models.ForeignKey(
        "inventory.Account",
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="posts",
        null=True,
        blank=True,
    )
    group = models.ForeignKey(
        "inventory.Group",
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="posts",
        null=True,
        blank=True,
    )
    text = models.TextField(_("text"), blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)
    posted_at = models.DateTimeField(_("posted at"), null=True, blank=True, db_index=True)
    captured_at = models.DateTimeField(_("captured at"), auto_now_add=True)
    captured_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    kecamatan = models.ForeignKey("regions.Region", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    source = models.CharField(_("source"), max_length=60, blank=True, help_text=_("Import format or 'manual'."))
    raw = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-posted_at"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self):
        return (self.text[:60] or self.url or self.natural_key).strip()
