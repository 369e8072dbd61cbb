from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WatchList(models.Model):
    """Accounts, groups and keywords that someone wants to hear about at once."""

    name = models.CharField(_("name"), max_length=200)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watch_lists")
    subscribers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("subscribers"), blank=True, related_name="subscribed_watch_lists"
    )
    accounts = models.ManyToManyField("inventory.Account", verbose_name=_("accounts"), blank=True)
    groups = models.ManyToManyField("inventory.Group", verbose_name=_("groups"), blank=True)
    keywords = models.TextField(_("keywords"), blank=True, help_text=_("One keyword or phrase per line."))
    high_severity = models.BooleanField(_("high-severity posts"), default=False)
    email = models.BooleanField(_("also by e-mail"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("watch list")
        verbose_name_plural = _("watch lists")

    def __str__(self):
        return self.name

    def keyword_list(self) -> list[str]:
        return [line.strip().lower() for line in self.keywords.splitlines() if line.strip()]

    def recipients(self):
        people = {self.owner_id: self.owner}
        people.update({user.pk: user for user in self.subscribers.all()})
        return [user for user in people.values() if user.is_active]


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(max_length=500, blank=True)
    # What the notification is about, so a re-run of the checks notifies no one twice.
    key = models.CharField(max_length=200)
    # A digest's post count and days ({"count", "from", "to"}), so later posts of the same burst join it.
    digest = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_user")]
        # The menu's unread count on every page, and the notifications page newest first.
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_user_read"),
            models.Index(fields=["user", "-created_at"], name="notification_user_newest"),
        ]

    def __str__(self):
        return self.title


class AlertDelivery(models.Model):
    """A post that reached a person through one alert source: the once-per-post-per-source marker.

    `source` is the source's key ("watch:12" for a watch list; other apps add
    their own, see pantau/dashboards/alerts.py). The unique constraint makes a
    second delivery fail in the database, however many workers check at once
    and however often a post is re-imported or re-classified.
    """

    source = models.CharField(max_length=60)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey("intake.Post", on_delete=models.CASCADE, related_name="+")
    # The check run that claimed it: how a run finds out which of its inserts won.
    run = models.CharField(max_length=32, db_index=True)
    delivered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "user", "post"], name="alert_once_per_source_user_post")
        ]

    def __str__(self):
        return f"{self.source} post {self.post_id} to user {self.user_id}"


class PositiveMessage(models.Model):
    """A clarification or educational message, what it answers, and where it was spread."""

    class Kind(models.TextChoices):
        CLARIFICATION = "clarification", _("Clarification")
        EDUCATION = "education", _("Educational message")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CLARIFICATION)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"))
    channel = models.CharField(_("where it was spread"), max_length=300, blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    spread_at = models.DateTimeField(_("spread at"), null=True, blank=True)
    reach = models.PositiveIntegerField(_("reach"), null=True, blank=True)
    posts = models.ManyToManyField("intake.Post", verbose_name=_("posts it answers"), blank=True)
    accounts = models.ManyToManyField("inventory.Account", verbose_name=_("accounts it answers"), blank=True)
    # Free links to what other apps own (a cluster, a case, a fact-check): one "kind:id or URL" per line.
    answers = models.TextField(_("other things it answers"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-spread_at", "-created_at"]
        verbose_name = _("positive information")
        verbose_name_plural = _("positive information")

    def __str__(self):
        return self.title

    def answer_list(self) -> list[str]:
        return [line.strip() for line in self.answers.splitlines() if line.strip()]


class DailyCount(models.Model):
    """Posts per local day and (platform, kecamatan, violation labels): what the dashboard panels read.

    Kept by `daily.py` from the posts and their classifications, so a panel over
    a million posts sums a few thousand rows. `labels` holds the post's flagged
    violation labels, sorted and wrapped in commas (",hasutan,sara,"), or ""
    when it has none, so one label is matched with a LIKE.
    """

    day = models.DateField()
    platform = models.CharField(max_length=20)
    kecamatan_id = models.IntegerField(null=True)
    labels = models.CharField(max_length=400)
    posts = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["day", "labels"], name="dashboards_daily_day_labels")]


class DailyGroupCount(models.Model):
    """The same counts split by group too (posts in a group only): the group panel and the group filter read it.

    Apart from DailyCount because groups multiply the rows: an office watching
    hundreds of groups has about as many of these rows as posts per day.
    """

    day = models.DateField()
    group_id = models.IntegerField()
    platform = models.CharField(max_length=20)
    kecamatan_id = models.IntegerField(null=True)
    labels = models.CharField(max_length=400)
    posts = models.PositiveIntegerField()

    class Meta:
        # No index on day alone: the group panel sums most rows of a period, and SQLite read them through
        # such an index row by row (10 s at a million posts instead of 2 s for a plain scan).
        indexes = [models.Index(fields=["group_id", "day"], name="dashboards_group_group_day")]


class DailyGroupTotal(models.Model):
    """Posts per local day, group and platform, whatever their labels and kecamatan.

    The group panel and the group filter's choices of a view filtered by
    nothing but platform read these: a row per group and day (32,000 for a
    campaign of 500 groups) instead of summing DailyGroupCount's (440,000 at a
    million posts).
    """

    day = models.DateField()
    group_id = models.IntegerField()
    platform = models.CharField(max_length=20)
    posts = models.PositiveIntegerField()


class DailyCountMark(models.Model):
    """The one row that says how far the daily counts have seen new posts, and that refreshes lock."""

    last_post_id = models.BigIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True)


class DirtyDay(models.Model):
    """A local day whose posts changed since its counts were made: recounted at the next catch-up."""

    day = models.DateField(unique=True)
