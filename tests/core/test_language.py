"""Indonesian by default, for the public and the office, whatever the browser asks for."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def test_it_shows_the_public_report_form_in_indonesian_to_a_browser_set_to_english(client):
    body = client.get("/lapor/", **ENGLISH_BROWSER).content.decode()
    assert "Laporkan dugaan pelanggaran pemilihan" in body and "Report a suspected election violation" not in body
    assert '<html lang="id">' in body


def test_it_shows_staff_pages_in_indonesian_to_a_browser_set_to_english(client_for, analyst):
    body = client_for(analyst).get("/", **ENGLISH_BROWSER).content.decode()
    assert "Ringkasan" in body and "Overview" not in body


def test_it_offers_a_visible_language_switch_on_the_public_form(client):
    body = client.get("/lapor/").content.decode()
    assert 'id="lang-select"' in body and "English" in body and "Bahasa Indonesia" in body


def test_it_keeps_the_language_chosen_on_the_switch_for_the_next_pages(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/lapor/"}, **ENGLISH_BROWSER)
    assert response.status_code == 302
    assert "Report a suspected election violation" in client.get("/lapor/").content.decode()
    client.post(reverse("set_language"), {"language": "id", "next": "/lapor/"})
    assert "Laporkan dugaan pelanggaran pemilihan" in client.get("/lapor/", **ENGLISH_BROWSER).content.decode()
