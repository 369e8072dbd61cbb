"""Alerts: watched accounts, groups and keywords, high-severity posts, deadlines.

Intake calls `check_alerts_for_posts(post_ids)` after an import; `pantau
alerts run` runs the periodic checks. Each notification has a key, so running
a check again notifies no one twice. The detection app adds high-severity
rules with `@post_alert_rule`: `fn(posts) -> iterable of (post, reason)`.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from pantau.lib.urls import safe_href

from .models import Notification, WatchList

log = logging.getLogger(__name__)
POST_ALERT_RULES: list = []
DEADLINE_DAYS = 2
BATCH = 1000


def post_alert_rule(fn):
    POST_ALERT_RULES.append(fn)
    return fn


def notify(user, title: str, body: str, url: str, key: str, email: bool = True) -> bool:
    """Create the notification unless the user already had it; e-mail it when asked. True if new."""
    try:
        with transaction.atomic():
            Notification.objects.create(user=user, title=title[:300], body=body, url=url, key=key[:200])
    except IntegrityError:
        return False
    if email and user.email:
        # A page of Pantau gets the site's address; an outside link only when it is a web link.
        href = safe_href(url)
        link = f"{settings.SITE_URL.rstrip('/')}{href}" if href.startswith("/") else href
        try:
            send_mail(f"[Pantau] {title}"[:200], f"{body}\n\n{link}".strip(), None, [user.email])
        except OSError:
            log.warning("could not e-mail alert %s to %s", key, user.email)
    return True


def _post_url(post) -> str:
    return post.url or ""


def _matches(watch: WatchList, post, accounts, groups, keywords) -> str:
    if post.author_id and post.author_id in accounts:
        return f"akun dipantau: {post.author}"
    if post.group_id and post.group_id in groups:
        return f"grup dipantau: {post.group}"
    text = (post.text or "").lower()
    for keyword in keywords:
        if keyword in text:
            return f"kata kunci: {keyword}"
    return ""


def _saved_search_hits(watches, post_ids) -> dict[int, set[int]]:
    """watch id -> the posts among `post_ids` that the watch's saved search lists (pantau/intake/saved.py)."""
    from pantau.intake.saved import matching_post_ids

    hits: dict[int, set[int]] = {}
    for watch in watches:
        for search in watch.saved_searches.all():
            hits.setdefault(watch.pk, set()).update(matching_post_ids(search, watch.owner, post_ids))
    return hits


def check_alerts_for_posts(post_ids) -> int:
    from pantau.intake.models import Post

    post_ids = list(post_ids)
    watches = list(
        WatchList.objects.prefetch_related("accounts", "groups", "subscribers", "saved_searches").select_related(
            "owner"
        )
    )
    if not watches or not post_ids:
        return 0
    prepared = [
        (
            watch,
            {a.pk for a in watch.accounts.all()},
            {g.pk for g in watch.groups.all()},
            watch.keyword_list(),
            watch.recipients(),
        )
        for watch in watches
    ]
    severe_watchers = [entry for entry in prepared if entry[0].high_severity]
    sent = 0
    for start in range(0, len(post_ids), BATCH):
        posts = Post.objects.filter(pk__in=post_ids[start : start + BATCH]).select_related("author", "group")
        searched = _saved_search_hits(watches, post_ids[start : start + BATCH])
        for post in posts:
            for watch, accounts, groups, keywords, people in prepared:
                reason = _matches(watch, post, accounts, groups, keywords)
                if not reason and post.pk in searched.get(watch.pk, ()):
                    reason = "pencarian tersimpan"
                if not reason:
                    continue
                title = f"{watch.name}: {reason}"
                for user in people:
                    sent += notify(
                        user, title, post.text[:500], _post_url(post), f"post:{post.pk}:w:{watch.pk}", watch.email
                    )
        if severe_watchers:
            for rule in POST_ALERT_RULES:
                for post, reason in rule(posts):
                    for watch, *_rest, people in severe_watchers:
                        for user in people:
                            sent += notify(
                                user, f"{watch.name}: {reason}", post.text[:500], _post_url(post),
                                f"severe:{post.pk}:w:{watch.pk}", watch.email,
                            )  # fmt: skip
    return sent


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
