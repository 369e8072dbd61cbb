"""Did the follow-up work? A group's flagged posts per week before and after a meeting.

No tool in this field measures the effect of talking to a group's admins, and
this does not either: it counts. A week is 7 days from the meeting's day (the
meeting's week is the first "after"), a post is flagged when the classifier
gave it any label with a severity, and the share of flagged posts is shown
beside the count because posting volume itself changes (the campaign heats
up towards voting day, a group goes quiet after a warning). A fall in counts
is a sign to look at the posts, not proof of cause.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

WEEKS = 4


@dataclass
class Week:
    start: datetime
    posts: int
    flagged: int
    after: bool

    @property
    def share(self) -> float:
        return self.flagged / self.posts if self.posts else 0.0


@dataclass
class Effect:
    meeting_day: object
    weeks: list[Week]

    def _side(self, after):
        rows = [week for week in self.weeks if week.after == after]
        return sum(w.flagged for w in rows), sum(w.posts for w in rows), len(rows)

    @property
    def before(self):
        return self._side(False)

    @property
    def after(self):
        return self._side(True)

    @property
    def has_data(self) -> bool:
        return any(week.posts for week in self.weeks)


def weekly_flagged(posts, meeting_day, weeks: int = WEEKS, now=None) -> Effect:
    """Count `posts` (a queryset of one group's posts) per week, `weeks` before and after `meeting_day`.

    Weeks after the meeting that have not begun yet are left out, so "after" is never padded with zeros.
    """
    zone = timezone.get_current_timezone()
    pivot = timezone.make_aware(datetime.combine(meeting_day, time.min), zone)
    now = now or timezone.now()
    starts = [pivot + timedelta(weeks=n) for n in range(-weeks, weeks)]
    starts = [start for start in starts if start <= now]
    rows = []
    for start in starts:
        counts = posts.filter(posted_at__gte=start, posted_at__lt=start + timedelta(weeks=1)).aggregate(
            posts=Count("pk"), flagged=Count("pk", filter=Q(classification__severity__gt=0))
        )
        rows.append(Week(start, counts["posts"], counts["flagged"], start >= pivot))
    return Effect(meeting_day, rows)


def group_effect(group, meeting, user) -> Effect:
    from pantau.intake.access import posts_for
    from pantau.intake.models import Post

    posts = Post.objects.all() if user is None else posts_for(user)
    day = timezone.localtime(meeting.starts_at).date()
    return weekly_flagged(posts.filter(group=group), day)


def last_meeting_for(group):
    """The latest meeting to which someone was invited for this group (the one whose effect is asked)."""
    from pantau.pokja.models import Meeting

    return Meeting.objects.filter(outside_invitations__group=group).order_by("-starts_at").distinct().first()
