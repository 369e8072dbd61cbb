"""Alerts: watched accounts, groups and keywords, high-severity posts, deadlines.

`check_alerts_for_posts(post_ids)` runs after every import batch and every
classification run (dashboards' receivers of the `posts_imported` and
`posts_classified` seams, in plugin.py); `pantau alerts run` checks recent
posts again. Three rules keep this from becoming a storm:

- Sources. Every watch list is an alert source with the key "watch:<pk>".
  Another app adds its own through the `alert_sources` seam
  (pantau.core.seams): `fn() -> iterable of AlertSource`. A source names its
  recipients and matches posts: `match(batch) -> iterable of (post, Match)`,
  where `batch.posts` (authors and groups loaded) and `batch.post_ids` are up
  to BATCH posts of the check.
- Once per post. A post reaches a person at most once per source, whatever
  re-import or re-classification happens later: AlertDelivery keeps
  (source, user, post) under a unique constraint, so even two workers checking
  the same posts at once deliver each one once. A post that matches a watch
  list in several ways (a watched group, a keyword, high severity) is still
  one alert, for the first way it matched.
- Digests (the burst rule). One check (one import batch, one classification
  run, one `pantau alerts run`) gathers each source's new posts per person.
  Up to PANTAU_ALERT_DIGEST_AFTER (5) of them are one notification each. More
  are grouped by what they matched (one watched account, group or keyword, or
  high severity): a group of one post stays one notification, every larger
  group becomes one digest ("37 postingan baru di grup X") that links to the
  posts list filtered to that account, group, keyword or severity and to the
  days the posts were posted on. Later posts of the same burst (the next
  import batch, the classification run after it) join that digest while it is
  unread and younger than DIGEST_HOURS; it is e-mailed once.

Detection adds high-severity rules through the `alert_rules` seam:
`fn(posts) -> iterable of (post, reason or Match)`; they count for watch lists
that asked for high-severity posts.
"""

import hashlib
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, NamedTuple, cast
from urllib.parse import urlencode
from uuid import uuid4

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pantau.core.seams import seams
from pantau.lib.links import absolute_url
from pantau.lib.urls import safe_href

from .models import AlertDelivery, Notification, WatchList

log = logging.getLogger(__name__)
DEADLINE_DAYS = 2
BATCH = 1000
# Ids per IN (...) query: well under the bound of any SQLite build.
IN_CHUNK = 500
DIGEST_SAMPLES = 3
# A burst that goes on (the next import batch, the classification run after it) joins the unread digest this young.
DIGEST_HOURS = 6
URL_MAX = cast(int, Notification._meta.get_field("url").max_length)  # a CharField: always set


@dataclass
class Match:
    """Why a post matched a source. Posts of one check with the same `key` share a digest."""

    key: str
    reason: str  # one post's notification: "grup dipantau: Warga Bersuara"
    digest: Callable[[int], str]  # n posts' notification: "37 postingan baru di grup Warga Bersuara"
    query: dict = field(default_factory=dict)  # the posts list's filter that shows them


@dataclass
class AlertSource:
    key: str  # unique across apps: "watch:12", "search:3"
    name: str
    recipients: list
    match: Callable[["Batch"], Iterable]
    email: bool = True


class Batch:
    """Posts of one check, with what the high-severity rules find in them computed once for every source."""

    def __init__(self, posts):
        self.posts = posts
        self.post_ids = [post.pk for post in posts]
        self._severe = None

    def severe(self) -> dict:
        if self._severe is None:
            self._severe = {}
            for rule in seams.alert_rules:
                for post, found in rule.value(self.posts):
                    match = found if isinstance(found, Match) else high_severity_match(str(found))
                    self._severe.setdefault(post.pk, match)
        return self._severe


class Hit(NamedTuple):
    post_id: int
    match: Match
    posted_at: datetime | None


class Note(NamedTuple):
    title: str
    body: str
    url: str
    key: str
    digest: dict | None = None  # a digest's count and days, kept on its Notification to add later posts to it
    match: Match | None = None


def account_match(account) -> Match:
    name = str(account)
    return Match(
        f"account:{account.pk}",
        _("watched account: %(name)s") % {"name": name},
        lambda n: (
            ngettext("%(count)d new post from account %(name)s", "%(count)d new posts from account %(name)s", n)
            % {"count": n, "name": name}
        ),
        {"account": account.pk},
    )


def group_match(group) -> Match:
    name = str(group)
    return Match(
        f"group:{group.pk}",
        _("watched group: %(name)s") % {"name": name},
        lambda n: (
            ngettext("%(count)d new post in group %(name)s", "%(count)d new posts in group %(name)s", n)
            % {"count": n, "name": name}
        ),
        {"group": group.pk},
    )


def keyword_match(keyword: str) -> Match:
    return Match(
        f"keyword:{keyword}",
        _("keyword: %(keyword)s") % {"keyword": keyword},
        lambda n: (
            ngettext(
                "%(count)d new post with the keyword “%(keyword)s”",
                "%(count)d new posts with the keyword “%(keyword)s”",
                n,
            )
            % {"count": n, "keyword": keyword}
        ),
        {"q": keyword},
    )


def high_severity_match(reason: str, query: dict | None = None) -> Match:
    return Match(
        "severe",
        reason,
        lambda n: ngettext("%(count)d new high-severity post", "%(count)d new high-severity posts", n) % {"count": n},
        query or {},
    )


def watch_source_key(pk) -> str:
    return f"watch:{pk}"


def watch_list_sources():
    watches = WatchList.objects.prefetch_related("accounts", "groups", "subscribers", "saved_searches")
    return [_watch_source(watch) for watch in watches.select_related("owner")]


def _watch_source(watch: WatchList) -> AlertSource:
    by_account = {account.pk: account_match(account) for account in watch.accounts.all()}
    by_group = {group.pk: group_match(group) for group in watch.groups.all()}
    keywords = [(keyword, keyword_match(keyword)) for keyword in watch.keyword_list()]
    searches = [(search, saved_search_match(search)) for search in watch.saved_searches.all()]

    def match(batch: Batch):
        searched = _saved_search_hits(watch, searches, batch.post_ids)
        for post in batch.posts:
            found = by_account.get(post.author_id) or by_group.get(post.group_id)
            if found is None and keywords:
                text = (post.text or "").lower()
                found = next((m for keyword, m in keywords if keyword in text), None)
            if found is None:
                found = searched.get(post.pk)
            if found is None and watch.high_severity:
                found = batch.severe().get(post.pk)
            if found is not None:
                yield post, found

    return AlertSource(watch_source_key(watch.pk), watch.name, watch.recipients(), match, watch.email)


def saved_search_match(search) -> Match:
    return Match(
        f"search:{search.pk}",
        _("saved search: %(name)s") % {"name": search.name},
        lambda n: (
            ngettext(
                "%(count)d new post in the saved search “%(name)s”",
                "%(count)d new posts in the saved search “%(name)s”",
                n,
            )
            % {"count": n, "name": search.name}
        ),
        dict(search.params),
    )


def _saved_search_hits(watch, searches, post_ids) -> dict:
    """post id -> the Match of the first of the watch's saved searches that lists it (pantau/intake/saved.py)."""
    from pantau.intake.saved import matching_post_ids

    found: dict = {}
    for search, match in searches:
        for pk in matching_post_ids(search, watch.owner, post_ids):
            found.setdefault(pk, match)
    return found


def forget_watch_deliveries(sender, instance, **kwargs):
    """A deleted watch list's markers go with it (connected in DashboardsConfig.ready)."""
    AlertDelivery.objects.filter(source=watch_source_key(instance.pk)).delete()


def check_alerts_for_posts(post_ids) -> int:
    """Alert every source's recipients of the posts among `post_ids` they have not heard of; how many notifications."""
    from pantau.intake.models import Post

    post_ids = list(post_ids)
    if not post_ids:
        return 0
    # Notifications are written once, for everyone, in the office's language (as the e-mails are).
    with translation.override(settings.LANGUAGE_CODE):
        sources = [source for fn in seams.alert_sources for source in fn.value() if source.recipients]
        if not sources:
            return 0
        hits: dict[str, dict[int, Hit]] = defaultdict(dict)
        for start in range(0, len(post_ids), BATCH):
            posts = list(Post.objects.filter(pk__in=post_ids[start : start + BATCH]).select_related("author", "group"))
            batch = Batch(posts)
            for source in sources:
                found = hits[source.key]
                for post, match in source.match(batch):
                    if post.pk not in found:
                        found[post.pk] = Hit(post.pk, match, post.posted_at)
        return sum(_deliver(source, list(hits[source.key].values())) for source in sources if hits[source.key])


def _deliver(source: AlertSource, hits: list[Hit]) -> int:
    sent = 0
    for user in source.recipients:
        run = uuid4().hex
        # Claim and notify together: a check that dies in between leaves the posts to the next one.
        with transaction.atomic():
            claimed = _claim(source.key, user, [hit.post_id for hit in hits], run)
            notes = _notes(source, [hit for hit in hits if hit.post_id in claimed], run)
            created = [note for note in notes if not _add_to_open_digest(user, source, note) and _create(user, note)]
        if source.email:
            for note in created:
                _email(user, note)
        sent += len(created)
    return sent


def _claim(source_key: str, user, post_ids: list[int], run: str) -> set[int]:
    """The posts of `post_ids` this run is the first to deliver to `user` through `source_key`."""
    rows = AlertDelivery.objects.filter(source=source_key, user=user)
    new = []
    for start in range(0, len(post_ids), IN_CHUNK):
        chunk = post_ids[start : start + IN_CHUNK]
        known = set(rows.filter(post_id__in=chunk).values_list("post_id", flat=True))
        new += [post_id for post_id in chunk if post_id not in known]
    if not new:
        return set()
    AlertDelivery.objects.bulk_create(
        [AlertDelivery(source=source_key, user=user, post_id=post_id, run=run) for post_id in new],
        batch_size=IN_CHUNK,
        ignore_conflicts=True,  # another worker delivered it meanwhile: its row stays, ours is dropped
    )
    return set(rows.filter(run=run).values_list("post_id", flat=True))


def _notes(source: AlertSource, hits: list[Hit], run: str) -> list[Note]:
    if len(hits) <= settings.PANTAU_ALERT_DIGEST_AFTER:
        groups = [[hit] for hit in hits]
    else:
        by_key = defaultdict(list)
        for hit in hits:
            by_key[hit.match.key].append(hit)
        groups = list(by_key.values())
    shown = [hit.post_id for group in groups for hit in group[:DIGEST_SAMPLES]]
    posts = _posts(shown)
    notes = []
    for group in groups:
        if len(group) == 1:
            post = posts.get(group[0].post_id)
            if post is None:  # deleted since it was matched
                continue
            notes.append(
                Note(
                    f"{source.name}: {group[0].match.reason}",
                    post.text[:500],
                    _post_url(post),
                    f"post:{post.pk}:{source.key}",
                )
            )
        else:
            notes.append(_digest(source, group, posts, run))
    return notes


def _digest(source: AlertSource, group: list[Hit], posts: dict, run: str) -> Note:
    match = group[0].match
    samples = [f"• {posts[hit.post_id].text[:140]}" for hit in group[:DIGEST_SAMPLES] if hit.post_id in posts]
    if len(group) > DIGEST_SAMPLES:
        samples.append("…")
    days = [timezone.localtime(hit.posted_at).date().isoformat() for hit in group if hit.posted_at]
    # A post without a date would fall outside any range of days.
    span = {"count": len(group), "from": min(days), "to": max(days)} if len(days) == len(group) else None
    digest = span or {"count": len(group), "from": None, "to": None}
    return Note(
        f"{source.name}: {match.digest(len(group))}", "\n".join(samples), posts_list_url(match.query, digest),
        f"{_digest_prefix(source, match)}{run}", digest, match,
    )  # fmt: skip


def _digest_prefix(source: AlertSource, match: Match) -> str:
    return f"digest:{source.key}:{hashlib.sha256(match.key.encode()).hexdigest()[:16]}:"


def _add_to_open_digest(user, source: AlertSource, note: Note) -> bool:
    """Add a digest's posts to the same digest still unread from the last DIGEST_HOURS; True if it was.

    An import commits (and checks) every 10,000 posts, and a classification
    run follows it: one burst stays one digest, e-mailed once.
    """
    if note.digest is None or note.match is None:  # a digest's note always has its match
        return False
    since = timezone.now() - timedelta(hours=DIGEST_HOURS)
    open_digest = (
        Notification.objects.select_for_update()
        .filter(
            user=user, read_at__isnull=True, created_at__gte=since, key__startswith=_digest_prefix(source, note.match)
        )
        .filter(digest__isnull=False)
        .order_by("-created_at")
        .first()
    )
    if open_digest is None:
        return False
    # The query took only notifications with a digest.
    old, new = cast(dict[str, Any], open_digest.digest), note.digest
    dated = old.get("from") and new.get("from")
    total = {
        "count": old["count"] + new["count"],
        "from": min(old["from"], new["from"]) if dated else None,
        "to": max(old["to"], new["to"]) if dated else None,
    }
    open_digest.digest = total
    open_digest.title = f"{source.name}: {note.match.digest(total['count'])}"[:300]
    open_digest.url = posts_list_url(note.match.query, total)
    open_digest.save(update_fields=["digest", "title", "url"])
    return True


def posts_list_url(query: dict, digest: dict) -> str:
    """The posts list filtered by `query` and to the digest's local days ("from", "to") when it has them."""
    base = reverse("intake:list")
    query = {name: value for name, value in query.items() if value not in (None, "")}
    if digest.get("from"):
        query.update({"from": digest["from"], "to": digest["to"]})
    url = f"{base}?{urlencode(query)}" if query else base
    return url if len(url) <= URL_MAX else base


def _posts(post_ids) -> dict:
    from pantau.intake.models import Post

    found = {}
    for start in range(0, len(post_ids), IN_CHUNK):
        rows = Post.objects.filter(pk__in=post_ids[start : start + IN_CHUNK]).only("pk", "text", "url")
        found.update({post.pk: post for post in rows})
    return found


def _post_url(post) -> str:
    # The post where it was published; Pantau's own page when its link is not a web link.
    href = safe_href(post.url)
    return href if href and not href.startswith("/") else reverse("intake:detail", args=[post.pk])


def _create(user, note: Note) -> bool:
    try:
        with transaction.atomic():
            Notification.objects.create(
                user=user, title=note.title[:300], body=note.body, url=note.url, key=note.key[:200], digest=note.digest
            )
    except IntegrityError:
        return False
    return True


def _email(user, note: Note) -> None:
    if not user.email:
        return
    text = "\n\n".join(part for part in (note.body, absolute_url(note.url)) if part)
    try:
        send_mail(f"[Pantau] {note.title}"[:200], text, None, [user.email])
    except OSError:
        log.warning("could not e-mail alert %s to %s", note.key, user.email)


def notify(user, title: str, body: str, url: str, key: str, email: bool = True) -> bool:
    """Create the notification unless the user already had it; e-mail it when asked. True if new."""
    note = Note(title, body, url, key)
    if not _create(user, note):
        return False
    if email:
        _email(user, note)
    return True


def check_deadlines(days: int = DEADLINE_DAYS) -> int:
    """Action items due within `days` (or overdue) and not done: tell their owner (or the owner agency)."""
    from pantau.people.models import User
    from pantau.pokja.models import ActionItem

    today = timezone.localdate()
    due = ActionItem.objects.exclude(status=ActionItem.Status.DONE).filter(
        due_date__isnull=False, due_date__lte=today + timedelta(days=days)
    )
    sent = 0
    for action in due.select_related("owner_person", "owner_agency", "meeting__chair"):
        people = (
            [action.owner_person]
            if action.owner_person
            else list(User.objects.filter(agency=action.owner_agency, is_active=True))
        )
        if action.meeting.chair:
            people.append(action.meeting.chair)
        if action.due_date is None:  # the query took only dated actions
            continue
        late = "lewat tenggat" if action.due_date < today else "mendekati tenggat"
        title = f"Tindak lanjut {late} ({action.due_date.isoformat()}): {action.title}"
        url = reverse("pokja:detail", args=[action.meeting_id])
        for user in {u.pk: u for u in people if u and u.is_active}.values():
            sent += notify(user, title, action.title, url, f"action:{action.pk}:due:{action.due_date}:{late}")
    return sent


def run_alerts(since_hours: int = 24) -> dict:
    from pantau.intake.models import Post

    since = timezone.now() - timedelta(hours=since_hours)
    post_ids = Post.objects.filter(captured_at__gte=since).values_list("pk", flat=True).iterator()
    return {"posts": check_alerts_for_posts(post_ids), "deadlines": check_deadlines()}
