"""The overview tells each person what waits for them, and only what they may open."""

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def flagged_post(db):
    from pantau.detection.services import classify_new_posts
    from pantau.intake.models import Post

    Post.objects.create(natural_key="t:1", platform="facebook", text="Siap-siap serbu posko paslon 3, bawa parang")
    classify_new_posts()


def test_it_shows_an_analyst_the_posts_waiting_for_review_with_a_link(client_for, analyst, flagged_post):
    body = client_for(analyst).get("/").content.decode()
    assert "Perlu perhatian" in body
    assert '<a href="/deteksi/">Unggahan bertanda yang menunggu tinjauan</a> <span class="badge">1</span>' in body


def test_it_shows_a_pokja_member_their_agencys_overdue_action_but_not_the_review_queue(
    client_for, pokja_member, coordinator, flagged_post
):
    from pantau.pokja.models import ActionItem, Meeting

    meeting = Meeting.objects.create(title="Rapat", starts_at=timezone.now(), chair=coordinator)
    ActionItem.objects.create(
        meeting=meeting,
        title="Undang admin grup",
        owner_agency=pokja_member.agency,
        due_date=timezone.localdate() - timedelta(days=2),
    )
    body = client_for(pokja_member).get("/").content.decode()
    assert 'Tindak lanjut yang melewati tenggat</a> <span class="badge badge-bad">1</span>' in body
    assert "menunggu tinjauan" not in body


def test_it_says_so_when_nothing_waits(client_for, analyst):
    assert "Tidak ada yang menunggu Anda." in client_for(analyst).get("/").content.decode()
