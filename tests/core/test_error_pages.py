"""Error pages in the site's layout and language (DEBUG off, as in production)."""

import pytest
from django.core.exceptions import BadRequest
from django.test import Client, RequestFactory

pytestmark = pytest.mark.django_db

MENU = 'class="mainnav"'


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def test_it_shows_a_missing_staff_page_in_indonesian_with_the_menu(client_for, analyst):
    response = client_for(analyst).get("/tidak-ada/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in body and MENU in body and "Kembali ke ringkasan" in body


def test_it_shows_a_missing_public_page_in_the_public_layout_even_to_staff(client_for, analyst):
    response = client_for(analyst).get("/lapor/tidak-ada/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in body and MENU not in body and "Laporkan pelanggaran" in body


def test_it_shows_a_refused_page_in_the_layout(client_for, users):
    response = client_for(users["pokja"]).get("/posts/")
    body = response.content.decode()
    assert response.status_code == 403
    assert "Akses ditolak" in body and MENU in body


def test_it_follows_the_language_chosen_on_the_switch(client_for, analyst):
    client = client_for(analyst)
    client.cookies["pantau_language"] = "en"
    assert "Page not found" in client.get("/tidak-ada/").content.decode()


def test_it_answers_a_bad_request_with_the_layout(client_for, analyst, monkeypatch):
    def bad(request):
        raise BadRequest("broken")

    monkeypatch.setattr("pantau.core.views.attention_for", bad)
    response = client_for(analyst).get("/")
    body = response.content.decode()
    assert response.status_code == 400
    assert "Permintaan tidak valid" in body and MENU in body and "broken" not in body


def test_it_explains_an_expired_form_on_the_public_report_form():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/lapor/", {"description": "x"})
    body = response.content.decode()
    assert response.status_code == 403
    assert "Formulir sudah kedaluwarsa" in body and "CSRF verification failed" not in body


def test_it_shows_a_server_error_in_indonesian_without_the_traceback(client_for, analyst, monkeypatch):
    def crash(user):
        raise RuntimeError("rahasia internal")

    monkeypatch.setattr("pantau.core.views.attention_for", crash)
    client = client_for(analyst)
    client.raise_request_exception = False
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan" in body and "rahasia internal" not in body and "Pantau" in body


def test_it_renders_the_server_error_page_without_the_database_or_a_session(django_assert_num_queries):
    from pantau.core.errors import server_error

    request = RequestFactory().get("/lapor/status/")  # no session, no user
    with django_assert_num_queries(0):
        response = server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan" in body and "Laporkan pelanggaran" in body and "csrfmiddlewaretoken" not in body
