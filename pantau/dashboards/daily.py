"""The daily counts behind the dashboard's post panels, kept in step with the posts.

Grouping a million posts per day, label, platform, kecamatan and group takes
seconds on every view; `DailyCount` holds those counts once (a few thousand
rows), `DailyGroupCount` the same per group, and `DailyGroupTotal` per group and
day only. Days are recounted from the posts, never adjusted by increments, so a
recount is always right whatever happened before:

- imports and classification runs mark the days of their posts as dirty
  (`mark_posts`, from the receivers in `plugin.py`); a post whose time changed is recounted on
  its new day now and on its old day at the nightly rebuild;
- `catch_up()` marks the days of posts added by any other path (a higher id
  than the last one seen), then recounts every dirty day; the dashboard calls
  it before drawing (for at most `INLINE_SECONDS`) and the worker every few
  minutes (`routines.py`);
- `rebuild()` recounts everything (the migration that made the table, the
  nightly routine).

Refreshes take their turn on the one `DailyCountMark` row, so two of them
never interleave their deletes and inserts.
"""

import time
from datetime import date, datetime, timedelta
from datetime import time as day_start
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone

from pantau.jobs.db import retry_when_locked

from .models import DailyCount, DailyCountMark, DailyGroupCount, DailyGroupTotal, DirtyDay

NO_LABEL = ""
# Label keys that are not violations: a post carrying only these counts as unlabelled.
NOT_VIOLATIONS = {"positif"}
CHUNK = 5000
# Consecutive post ids from this many on are asked as one range (mark_posts).
RUN_MIN = 64
# How long a dashboard view may spend recounting before it shows what is counted and says so.
INLINE_SECONDS = 2.0


def labels_key(flagged) -> str:
    labels = sorted(set(flagged or []) - NOT_VIOLATIONS)
    return f",{','.join(labels)}," if labels else NO_LABEL


def _tz():
    return ZoneInfo(settings.TIME_ZONE)


def _days_of(queryset) -> set[date]:
    from .panels import local_day

    rows = queryset.filter(posted_at__isnull=False).annotate(day=local_day("posted_at")).values_list("day", flat=True)
    # order_by(): with the posts' default order (posted_at) DISTINCT would keep a row per post, not per day.
    return {day for day in rows.order_by().distinct() if day}


def mark_posts(post_ids) -> int:
    """Mark the days of these posts for a recount; quick enough for every import batch.

    An import batch's new posts have consecutive ids: each run of them is one
    range condition, not thousands of ids for the ORM to prepare one by one.
    """
    from pantau.intake.models import Post

    days: set[date] = set()
    scattered: list[int] = []
    for first, last in _id_runs(sorted(set(post_ids))):
        if last - first + 1 >= RUN_MIN:
            days |= _days_of(Post.objects.filter(pk__gte=first, pk__lte=last))
        else:
            scattered.extend(range(first, last + 1))
    for start in range(0, len(scattered), CHUNK):
        days |= _days_of(Post.objects.filter(pk__in=scattered[start : start + CHUNK]))
    _mark_days(days)
    return len(days)


def _id_runs(ids: list[int]):
    """Sorted ids as (first, last) runs of consecutive ids."""
    first = last = None
    for pk in ids:
        if last is not None and pk == last + 1:
            last = pk
            continue
        if first is not None:
            yield first, last
        first = last = pk
    if first is not None:
        yield first, last


def _mark_days(days) -> None:
    if days:
        retry_when_locked(
            lambda: DirtyDay.objects.bulk_create([DirtyDay(day=d) for d in sorted(days)], ignore_conflicts=True)
        )


def _mark_row() -> DailyCountMark:
    try:
        return DailyCountMark.objects.get_or_create(pk=1)[0]
    except IntegrityError:  # another process made it meanwhile
        return DailyCountMark.objects.get(pk=1)


def _take_turn() -> DailyCountMark:
    # The first statement writes, so SQLite takes its write lock at once and PostgreSQL locks the row.
    DailyCountMark.objects.filter(pk=1).update(refreshed_at=timezone.now())
    return DailyCountMark.objects.get(pk=1)


def catch_up(budget: float | None = None) -> int:
    """Recount the days of new posts and every dirty day; answers how many days were recounted.

    With a `budget` in seconds the recount stops once it is spent, leaving the
    remaining days dirty for the worker's routine (a page must not wait for a
    million-post import to be counted).
    """
    from pantau.intake.models import Post

    seen = _mark_row().last_post_id
    newest = Post.objects.aggregate(m=Max("pk"))["m"] or 0
    if newest <= seen and not DirtyDay.objects.exists():
        return 0
    started = time.monotonic()

    def refresh():
        with transaction.atomic():
            mark = _take_turn()
            if newest > mark.last_post_id:
                _mark_days(_days_of(Post.objects.filter(pk__gt=mark.last_post_id, pk__lte=newest)))
                mark.last_post_id = newest
                mark.save(update_fields=["last_post_id"])
            done: list[date] = []
            for day in DirtyDay.objects.order_by("day").values_list("day", flat=True):
                if budget is not None and done and time.monotonic() - started > budget:
                    break
                _recount([day])
                done.append(day)
            DirtyDay.objects.filter(day__in=done).delete()
            return len(done)

    return retry_when_locked(refresh)


def pending_days() -> int:
    """Days still to be recounted (after a budgeted catch-up)."""
    return DirtyDay.objects.count()


def rebuild() -> int:
    """Recount every day from the posts; answers how many count rows there are."""
    from pantau.intake.models import Post

    _mark_row()

    def refresh():
        with transaction.atomic():
            mark = _take_turn()
            mark.last_post_id = Post.objects.aggregate(m=Max("pk"))["m"] or 0
            mark.save(update_fields=["last_post_id"])
            DailyCount.objects.all().delete()
            DailyGroupCount.objects.all().delete()
            DailyGroupTotal.objects.all().delete()
            _insert(_grouped(Post.objects.filter(posted_at__isnull=False)))
            DirtyDay.objects.all().delete()
            return DailyCount.objects.count()

    return retry_when_locked(refresh)


def _runs(days: list[date]):
    """Consecutive days as (first, last) runs, so a recount is one range query per run."""
    run: list[date] = []
    for day in days:
        if run and day != run[-1] + timedelta(days=1):
            yield run[0], run[-1]
            run = []
        run.append(day)
    if run:
        yield run[0], run[-1]


def _recount(days: list[date]) -> None:
    from pantau.intake.models import Post

    tz = _tz()
    for first, last in _runs(days):
        DailyCount.objects.filter(day__gte=first, day__lte=last).delete()
        DailyGroupCount.objects.filter(day__gte=first, day__lte=last).delete()
        DailyGroupTotal.objects.filter(day__gte=first, day__lte=last).delete()
        start = datetime.combine(first, day_start.min, tzinfo=tz)
        end = datetime.combine(last + timedelta(days=1), day_start.min, tzinfo=tz)
        _insert(_grouped(Post.objects.filter(posted_at__gte=start, posted_at__lt=end)))


def _grouped(posts):
    from .panels import local_day

    rows = (
        posts.annotate(day=local_day("posted_at"))
        .values_list("day", "platform", "kecamatan_id", "group_id", "classification__flagged")
        .annotate(n=Count("pk"))
        .order_by()
    )
    merged: dict[tuple, int] = {}
    for day, platform, kecamatan, group, flagged, n in rows.iterator(chunk_size=CHUNK):
        key = (day, platform, kecamatan, group, labels_key(flagged))
        merged[key] = merged.get(key, 0) + n
    return merged


def _insert(merged: dict) -> None:
    overall: dict[tuple, int] = {}
    per_group: dict[tuple, int] = {}
    for (day, platform, kecamatan, group, labels), n in merged.items():
        key = (day, platform, kecamatan, labels)
        overall[key] = overall.get(key, 0) + n
        if group is not None:
            per_group[(day, group, platform)] = per_group.get((day, group, platform), 0) + n
    DailyCount.objects.bulk_create(
        (
            DailyCount(day=day, platform=platform, kecamatan_id=kecamatan, labels=labels, posts=n)
            for (day, platform, kecamatan, labels), n in overall.items()
        ),
        batch_size=2000,
    )
    DailyGroupCount.objects.bulk_create(
        (
            DailyGroupCount(day=day, platform=platform, kecamatan_id=kecamatan, group_id=group, labels=labels, posts=n)
            for (day, platform, kecamatan, group, labels), n in merged.items()
            if group is not None
        ),
        batch_size=2000,
    )
    DailyGroupTotal.objects.bulk_create(
        (DailyGroupTotal(day=day, group_id=group, platform=platform, posts=n) for (day, group, platform), n in
         per_group.items()),
        batch_size=2000,
    )  # fmt: skip
