import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pantau.detection import services
from pantau.detection.models import FactCheck, Review, SlangEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(make_post):
    p = make_post("Paslon 2 itu bodoh dan goblok, tidak pantas jadi bupati")
    services.classify_new_posts()
    return p


def pages(post):
    return [
        ("get", reverse("detection:queue")),
        ("get", reverse("detection:post", args=[post.pk])),
        ("post", reverse("detection:review", args=[post.pk])),
        ("post", reverse("detection:classify")),
        ("get", reverse("detection:models")),
        ("post", reverse("detection:retrain")),
        ("post", reverse("detection:activate")),
        ("post", reverse("detection:slang")),
        ("get", reverse("detection:factchecks")),
        ("post", reverse("detection:factcheck_upload")),
        ("get", reverse("detection:factcheck_export")),
    ]


def test_it_sends_anonymous_visitors_to_log_in(client, post):
    for method, url in pages(post):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "/login" in response["Location"] or "masuk" in response["Location"], url


@pytest.mark.parametrize("role", ["pokja", "other_pokja", "admin"])
def test_it_refuses_roles_outside_analysis(client_for, users, post, role):
    client = client_for(users[role])
    for method, url in pages(post):
        assert getattr(client, method)(url).status_code == 403, url


@pytest.mark.parametrize("role", ["analyst", "coordinator"])
def test_it_shows_the_queue_with_legal_basis(client_for, users, post, role):
    response = client_for(users[role]).get(reverse("detection:queue"))
    assert response.status_code == 200
    assert "bodoh" in response.content.decode()
    assert "Pasal 27A" in response.content.decode()


def test_it_shows_a_post_with_its_explanation(client_for, analyst, post):
    body = client_for(analyst).get(reverse("detection:post", args=[post.pk])).content.decode()
    assert "goblok" in body
    assert "UU 10/2016 Pasal 69 huruf b" in body


def test_it_records_an_analysts_decision(client_for, analyst, post):
    response = client_for(analyst).post(
        reverse("detection:review", args=[post.pk]), {"label": "penghinaan", "decision": "confirmed"}
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.label, review.decision, review.user) == ("penghinaan", "confirmed", analyst)


def test_it_refuses_a_decision_without_a_label(client_for, analyst, post):
    client_for(analyst).post(reverse("detection:review", args=[post.pk]), {"decision": "confirmed"})
    assert not Review.objects.exists()


def test_it_answers_404_for_an_unknown_post(client_for, analyst):
    assert client_for(analyst).get(reverse("detection:post", args=[999999])).status_code == 404


def test_it_shows_the_model_page(client_for, analyst, post):
    body = client_for(analyst).get(reverse("detection:models")).content.decode()
    assert "ujaran_kebencian" in body
    assert "lr-" in body


def test_it_lets_only_a_coordinator_activate_a_model(client_for, analyst, coordinator, post):
    url = reverse("detection:activate")
    assert client_for(analyst).post(url, {"version": "shipped"}).status_code == 403
    assert client_for(coordinator).post(url, {"version": "shipped"}).status_code == 302


def test_it_starts_retraining_as_a_job(client_for, analyst, post):
    from pantau.jobs.models import Job

    response = client_for(analyst).post(reverse("detection:retrain"))
    assert response.status_code == 302
    assert Job.objects.filter(kind="detection.retrain").exists()


def test_it_adds_a_slang_entry(client_for, analyst, post):
    client_for(analyst).post(reverse("detection:slang"), {"slang": "Gblk", "standard": "goblok"})
    assert SlangEntry.objects.get().slang == "gblk"


def test_it_imports_uploaded_fact_checks_and_exports_them(client_for, analyst, post):
    client = client_for(analyst)
    upload = SimpleUploadedFile("fc.csv", b"claim,rating,url\nKPU sudah atur hasil,Salah,https://example.org/1\n")
    response = client.post(reverse("detection:factcheck_upload"), {"file": upload})
    assert response.status_code == 302
    assert FactCheck.objects.count() == 1
    exported = json.loads(client.get(reverse("detection:factcheck_export")).content)
    assert exported[0]["claimReviewed"] == "KPU sudah atur hasil"


def test_it_reports_an_unreadable_upload(client_for, analyst, post):
    upload = SimpleUploadedFile("fc.json", b"{not json")
    response = client_for(analyst).post(reverse("detection:factcheck_upload"), {"file": upload}, follow=True)
    assert FactCheck.objects.count() == 0
    assert response.status_code == 200


def test_it_filters_the_queue_by_label(client_for, analyst, make_post, post):
    make_post("Siap-siap serbu posko paslon 3 malam ini, bawa parang")
    services.classify_new_posts()
    body = client_for(analyst).get(reverse("detection:queue"), {"label": "kekerasan"}).content.decode()
    assert "serbu posko" in body
    assert "tidak pantas jadi bupati" not in body
