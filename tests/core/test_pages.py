"""Who may open the foundation's pages, and what they see."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_shows_the_login_page_in_indonesian_at_the_root_for_visitors(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Masuk ke Pantau" in response.content.decode()


def test_it_shows_the_overview_with_counts_to_members(client_for, analyst):
    response = client_for(analyst).get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ringkasan" in body and "Barang bukti" in body and "evidence_items" not in body


def test_it_switches_to_english_through_the_language_form(client_for, analyst):
    client = client_for(analyst)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert "Overview" in body and "Evidence items" in body


def test_it_sends_a_strict_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "script-src 'self'" in policy


@pytest.mark.parametrize("role", ["analyst", "coordinator", "pokja", "admin"])
def test_it_lets_every_member_see_the_job_list(client_for, users, role):
    assert client_for(users[role]).get(reverse("jobs:list")).status_code == 200


def test_it_sends_visitors_to_the_login_page_from_the_job_list(client):
    response = client.get(reverse("jobs:list"))
    assert response.status_code == 302
    assert reverse("people:login") in response["Location"]


def test_it_refuses_the_admin_site_to_non_admins(client_for, users):
    assert client_for(users["analyst"]).get("/admin/").status_code == 302
    assert client_for(users["admin"]).get("/admin/").status_code == 200


def test_it_hides_the_administration_menu_from_analysts(client_for, users):
    assert "/admin/" not in client_for(users["analyst"]).get("/").content.decode()
    assert "/admin/" in client_for(users["admin"]).get("/").content.decode()


def test_it_serves_vendored_scripts_from_the_app_itself(client):
    page = client.get("/").content.decode()
    assert "/static/vendor/htmx/htmx.min.js" in page
    response = client.get("/static/vendor/htmx/htmx.min.js")
    assert response.status_code == 200
