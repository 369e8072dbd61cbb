"""Marking the days of imported posts for the dashboard's recount (dashboards/daily.py, mark_posts)."""

from datetime import UTC, date, datetime

import pytest

from pantau.dashboards.daily import mark_posts
from pantau.dashboards.models import DirtyDay
from pantau.intake.models import Post

pytestmark = pytest.mark.django_db


def _posts(count, when):
    return Post.objects.bulk_create(
        Post(natural_key=f"k:{when.isoformat()}:{n}", platform="web", posted_at=when) for n in range(count)
    )


def test_it_marks_the_local_days_of_a_batch_of_consecutive_and_scattered_posts():
    many = _posts(150, datetime(2024, 10, 1, 18, tzinfo=UTC))  # 01:00 WIB on 2 October
    few = _posts(3, datetime(2024, 10, 5, 3, tzinfo=UTC))
    ids = [post.pk for post in many] + [few[0].pk, few[2].pk]
    assert mark_posts(ids) == 2
    assert set(DirtyDay.objects.values_list("day", flat=True)) == {date(2024, 10, 2), date(2024, 10, 5)}
