from urllib.parse import urlencode

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
        db_index=False,  # led by the (author, time) index below
    )
    group = models.ForeignKey(
        "inventory.Group",
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="posts",
        null=True,
        blank=True,
        db_index=False,  # led by the (group, time) index below
    )
    text = models.TextField(_("text"), blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)
    posted_at = models.DateTimeField(_("posted at"), null=True, blank=True)
    captured_at = models.DateTimeField(_("captured at"), auto_now_add=True)
    # When a person saw the post (manual capture); not when it was posted, nor when it was typed in.
    seen_at = models.DateTimeField(_("seen at"), null=True, blank=True)
    captured_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    kecamatan = models.ForeignKey("regions.Region", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    source = models.CharField(_("source"), max_length=60, blank=True, help_text=_("Import format or 'manual'."))
    raw = models.JSONField(default=dict, blank=True)
    # The normalised link, so a post is recognised however its URL was copied.
    url_key = models.CharField(max_length=2000, blank=True, db_index=True)
    # A hash of the imported fields: a re-import of an unchanged row is skipped, a changed one updated.
    fingerprint = models.CharField(max_length=32, blank=True)
    # Case-folded words and their stems (see intake/searchtext.py); the full-text index covers it.
    search_text = models.TextField(blank=True)
    # A hash of the file line this post was last imported from (one-record-a-line formats, intake/formats/base.py
    # KnownLines): a re-import skips an identical line before parsing it. Empty when anything else wrote the post.
    line_digest = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-posted_at"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [
            # Time first, then what the daily counts group by: a day's recount reads the index, not a million
            # rows scattered over the table (posts arrive in any time order).
            models.Index(fields=["posted_at", "platform", "kecamatan", "group"], name="post_time_counted"),
            # An account's or a group's page lists its newest posts and counts them per week.
            models.Index(fields=["author", "posted_at"], name="post_author_time"),
            models.Index(fields=["group", "posted_at"], name="post_group_time"),
            # The re-import's lookup of its lines, answered from the index alone (the key tells a reader
            # whether an earlier line of the same file changed the post).
            models.Index(fields=["line_digest", "natural_key"], name="post_line_digest"),
        ]

    def __str__(self):
        return (self.text[:60] or self.url or self.natural_key).strip()


class ImportRun(models.Model):
    """One import of one file: its counts, and how far it got, so a killed import resumes."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    file_sha256 = models.CharField(max_length=64, db_index=True)
    file_name = models.CharField(_("file"), max_length=255)
    format = models.CharField(_("format"), max_length=40)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    # Records fully committed: a resumed import skips this many without touching the database.
    records_done = models.PositiveBigIntegerField(default=0)
    counts = models.JSONField(default=dict)
    problems = models.JSONField(default=list)
    message = models.TextField(blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.file_name} ({self.format})"


class PostEvidence(models.Model):
    """An evidence file (screenshot, video, saved page) that shows a post, and who attached it from where."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="evidence_links")
    item = models.ForeignKey("evidence.EvidenceItem", on_delete=models.PROTECT, related_name="post_links")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)
    added_from = models.CharField(_("added from"), max_length=255, blank=True)

    class Meta:
        ordering = ["added_at"]
        constraints = [models.UniqueConstraint(fields=["post", "item"], name="post_evidence_unique")]


class PostReference(models.Model):
    """One post pointing at another: a reply, quote, retweet or forward, the way content spreads.

    `target_key` is the natural key of the post referred to, kept even when that
    post is not (yet) in Pantau; `target` is filled when it is imported.
    A forward points at the channel it came from (`telegram-forward:<name>`).
    """

    class Kind(models.TextChoices):
        REPLY = "reply", _("Reply")
        QUOTE = "quote", _("Quote")
        RETWEET = "retweet", _("Repost")
        FORWARD = "forward", _("Forward")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="references")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    target_key = models.CharField(max_length=400, db_index=True)
    target = models.ForeignKey(Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="referenced_by")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "kind", "target_key"], name="post_reference_unique"),
        ]

    def __str__(self):
        return f"{self.post_id} {self.kind} {self.target_key}"


class SavedSearch(models.Model):
    """A named search of the posts list, shared by everyone in the office who sees posts.

    `params` are the list's applied filters (`intake.listing`); opening the
    search opens the list with them. Each person who subscribes gets a watch
    list of their own linked here, so new matching posts alert them through
    the watch lists' path (dashboards/alerts.py) and its once-per-post rules.
    """

    name = models.CharField(_("name"), max_length=200)
    params = models.JSONField(_("filters"), default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    watch_lists = models.ManyToManyField("dashboards.WatchList", blank=True, related_name="saved_searches")

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self):
        return self.name

    def query_string(self) -> str:
        return urlencode(self.params)
