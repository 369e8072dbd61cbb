from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from pantau.detection import queue, services
from pantau.detection.models import Classification, Review
from pantau.inventory.models import Account

pytestmark = pytest.mark.django_db

START = datetime(2024, 10, 1, tzinfo=UTC)


@pytest.fixture
def flagged(make_post, analyst):
    """Flagged posts of authors with tied and distinct risk scores, some without an author, two reviewed."""
    risks = [80.0, 80.0, 55.5, 55.5, 55.5, 30.0, 10.0, 0.0]
    authors = [Account.objects.create(platform="facebook", platform_id=f"q-{i}", name=f"Q{i}", risk_score=risk)
               for i, risk in enumerate(risks)]  # fmt: skip
    posts = []
    for n in range(60):
        author = None if n % 7 == 0 else authors[n % len(authors)]
        post = make_post(f"teks {n}", author=author, posted_at=START + timedelta(hours=(n * 7) % 50))
        if author is None:
            post.author = None
            post.save(update_fields=["author"])
        Classification.objects.create(post=post, flagged=["hasutan"], severity=1 + n % 3, model_version="t")
        posts.append(post)
    for post in posts[3:5]:
        Review.objects.create(post=post, label="hasutan", decision="confirmed", user=analyst)
    return posts


def test_it_pages_the_review_queue_in_exactly_the_queues_order(flagged, monkeypatch):
    monkeypatch.setattr(queue, "FIRST_BAND", 1)
    expected = [c.pk for c in services.review_queue()]
    pages = queue.QueuePages()
    assert pages.count() == len(expected) == 58
    walked = [c.pk for start in range(0, 58, 7) for c in pages[start : start + 7]]
    assert walked == expected


def test_it_pages_far_down_the_queue_in_the_same_order(flagged, monkeypatch):
    monkeypatch.setattr(queue, "FIRST_BAND", 1)
    monkeypatch.setattr(queue, "WALK_ROWS", 10)
    expected = [c.pk for c in services.review_queue()]
    assert [c.pk for c in queue.QueuePages()[20:35]] == expected[20:35]


def test_it_matches_ties_of_many_authors_by_their_score(flagged, monkeypatch):
    monkeypatch.setattr(queue, "FIRST_BAND", 1)
    monkeypatch.setattr(queue, "LARGEST_ID_LIST", 1)
    expected = [c.pk for c in services.review_queue()]
    assert [c.pk for c in queue.QueuePages()[0:58]] == expected


def test_it_puts_posts_without_an_author_last_within_their_severity(flagged):
    rows = list(services.review_queue())
    for severity in (1, 2, 3):
        same = [c for c in rows if c.severity == severity]
        authorless = [i for i, c in enumerate(same) if c.post.author_id is None]
        assert authorless and authorless == list(range(len(same) - len(authorless), len(same)))


def test_it_counts_the_waiting_posts_per_label(flagged):
    assert queue.waiting_count() == 58
    assert queue.waiting_count("hasutan") == 58
    assert queue.waiting_count("sara") == 0


def test_it_shows_the_second_page_of_the_queue(client_for, analyst, flagged):
    rows = list(services.review_queue())
    body = client_for(analyst).get(reverse("detection:queue"), {"page": 2}).content.decode()
    assert f'href="{reverse("detection:post", args=[rows[50].post_id])}"' in body
    assert f'href="{reverse("detection:post", args=[rows[0].post_id])}"' not in body
