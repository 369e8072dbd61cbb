"""The review queue's bulk action: one decision on many ticked labels."""

import pytest
from django.urls import reverse

from pantau.detection.models import Classification, Review

pytestmark = pytest.mark.django_db


@pytest.fixture
def flagged(make_post):
    posts = [make_post(f"amplop serangan fajar nomor {n}") for n in range(25)]
    for post in posts:
        Classification.objects.create(post=post, flagged=["politik_uang"], severity=3, model_version="t")
    return posts


def items(posts, label="politik_uang"):
    return [f"{post.pk}:{label}" for post in posts]


@pytest.mark.parametrize("role", ["analyst", "coordinator"])
def test_it_confirms_twenty_review_items_in_one_action(client_for, users, flagged, role):
    response = client_for(users[role]).post(
        reverse("detection:bulk_review"), {"item": items(flagged[:20]), "decision": "confirmed"}
    )
    assert response.status_code == 302
    assert Review.objects.filter(decision="confirmed", user=users[role]).count() == 20
    queue = client_for(users[role]).get(reverse("detection:queue"))
    assert len(queue.context["rows"]) == 5
    flagged[0].author.refresh_from_db()
    assert flagged[0].author.risk_score > 0


def test_it_rejects_many_labels_and_keeps_the_queue_filter(client_for, analyst, flagged):
    response = client_for(analyst).post(
        reverse("detection:bulk_review"), {"item": items(flagged[:3]), "decision": "rejected", "label": "politik_uang"}
    )
    assert response["Location"].endswith("?label=politik_uang")
    assert Review.objects.filter(decision="rejected").count() == 3


@pytest.mark.parametrize("role", ["pokja", "other_pokja", "admin"])
def test_it_refuses_a_bulk_confirmation_to_anyone_but_analysts_and_coordinators(client_for, users, flagged, role):
    response = client_for(users[role]).post(
        reverse("detection:bulk_review"), {"item": items(flagged), "decision": "confirmed"}
    )
    assert response.status_code == 403
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    "form",
    [
        {"decision": "confirmed"},
        {"item": ["1:bukan_label"], "decision": "confirmed"},
        {"item": ["x:politik_uang"], "decision": "confirmed"},
        {"item": ["1:politik_uang"], "decision": "maybe"},
    ],
)
def test_it_explains_a_bulk_decision_it_cannot_take(client_for, analyst, flagged, form):
    response = client_for(analyst).post(reverse("detection:bulk_review"), form, follow=True)
    assert response.status_code == 200
    assert not Review.objects.exists()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_it_offers_a_box_per_label_and_a_select_all(client_for, analyst, flagged):
    page = client_for(analyst).get(reverse("detection:queue")).content.decode()
    assert page.count('name="item"') == 25
    assert 'class="select-all"' in page
