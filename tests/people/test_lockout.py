"""Brute force on every login path: a username and an address are each locked after the limit."""

from datetime import timedelta

import pytest
from django.db.models import F
from django.test import Client
from rest_framework.test import APIClient

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ATTACKER = "10.0.0.66"
COLLEAGUE = "10.0.0.7"
LOGIN = "/akun/masuk/"


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def end_lockout(settings):
    """Move the recorded failures back past the lockout, as if the minutes had gone by."""
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - timedelta(minutes=settings.PANTAU_LOGIN_LOCKOUT_MINUTES, seconds=1)
    )


def test_it_locks_the_account_and_the_address_after_100_wrong_passwords(analyst, coordinator, settings):
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(100):
        response = attacker.post(LOGIN, {"username": "analis", "password": "tebak-tebak"})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in response.content.decode()
    assert response["Retry-After"] == str(settings.PANTAU_LOGIN_LOCKOUT_MINUTES * 60)

    owner = Client(REMOTE_ADDR=COLLEAGUE)
    assert owner.post(LOGIN, {"username": "analis", "password": PASSWORD}).status_code == 429
    assert not logged_in(owner)
    attacker.post(LOGIN, {"username": "koordinator", "password": PASSWORD})
    assert not logged_in(attacker)

    colleague = Client(REMOTE_ADDR=COLLEAGUE)
    colleague.post(LOGIN, {"username": "koordinator", "password": PASSWORD})
    assert logged_in(colleague)

    end_lockout(settings)
    assert owner.post(LOGIN, {"username": "analis", "password": PASSWORD}).status_code == 302
    assert logged_in(owner)


def test_it_counts_failures_of_one_username_from_many_addresses(analyst, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for number in range(3):
        Client(REMOTE_ADDR=f"10.1.0.{number}").post(LOGIN, {"username": "analis", "password": "salah"})
    owner = Client(REMOTE_ADDR="10.2.0.1")
    assert owner.post(LOGIN, {"username": "analis", "password": PASSWORD}).status_code == 429
    assert not logged_in(owner)


def test_it_locks_an_address_that_tries_many_usernames(analyst, coordinator, settings):
    settings.AXES_FAILURE_LIMIT = 3
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for name in ("budi", "siti", "rina"):
        attacker.post(LOGIN, {"username": name, "password": "salah"})
    attacker.post(LOGIN, {"username": "analis", "password": PASSWORD})
    assert not logged_in(attacker)
    colleague = Client(REMOTE_ADDR=COLLEAGUE)
    colleague.post(LOGIN, {"username": "analis", "password": PASSWORD})
    assert logged_in(colleague)


def test_it_refuses_a_locked_account_a_token_in_the_one_error_shape(analyst, settings):
    settings.AXES_FAILURE_LIMIT = 3
    api = APIClient(REMOTE_ADDR=ATTACKER)
    answers = [api.post("/api/token/", {"username": "analis", "password": "salah"}) for _ in range(3)]
    assert [a.status_code for a in answers] == [400, 400, 429]
    response = APIClient(REMOTE_ADDR=COLLEAGUE).post("/api/token/", {"username": "analis", "password": PASSWORD})
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "locked_out"
    assert response.json()["error"]["status"] == 429
    assert "token" not in response.json()


def test_it_locks_the_admin_login_too(admin_user, settings):
    settings.AXES_FAILURE_LIMIT = 3
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(3):
        attacker.post("/admin/login/", {"username": "admin", "password": "salah"})
    response = Client(REMOTE_ADDR=COLLEAGUE).post(
        "/admin/login/?next=/admin/", {"username": "admin", "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in response.content.decode()


def test_it_shares_one_count_across_the_login_form_the_api_and_the_admin(analyst, settings):
    settings.AXES_FAILURE_LIMIT = 3
    attacker = Client(REMOTE_ADDR=ATTACKER)
    attacker.post(LOGIN, {"username": "analis", "password": "salah"})
    attacker.post("/api/token/", {"username": "analis", "password": "salah"})
    attacker.post("/admin/login/", {"username": "analis", "password": "salah"})
    owner = Client(REMOTE_ADDR=COLLEAGUE)
    assert owner.post(LOGIN, {"username": "analis", "password": PASSWORD}).status_code == 429


def test_it_counts_the_address_behind_a_trusted_proxy(analyst, coordinator, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.PANTAU_TRUSTED_PROXIES = ["10.9.9.9"]
    for _ in range(3):
        Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR=ATTACKER).post(
            LOGIN, {"username": f"x{_}", "password": "salah"}
        )
    # The proxy itself (everyone else behind it) is not locked, only the attacker behind it.
    colleague = Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR=COLLEAGUE)
    colleague.post(LOGIN, {"username": "koordinator", "password": PASSWORD})
    assert logged_in(colleague)
    attacker = Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR=ATTACKER)
    attacker.post(LOGIN, {"username": "analis", "password": PASSWORD})
    assert not logged_in(attacker)


def test_it_tells_the_audit_log_of_failures_and_successes(analyst):
    from django.contrib.auth.signals import user_logged_in, user_login_failed

    heard = []

    def failed(sender, credentials, request=None, **kwargs):
        heard.append(("failed", credentials.get("username"), request is not None))

    def succeeded(sender, user, request=None, **kwargs):
        heard.append(("in", user.username, request is not None))

    user_login_failed.connect(failed)
    user_logged_in.connect(succeeded)
    try:
        Client().post(LOGIN, {"username": "analis", "password": "salah"})
        Client().post(LOGIN, {"username": "analis", "password": PASSWORD})
        APIClient().post("/api/token/", {"username": "analis", "password": "salah"})
        APIClient().post("/api/token/", {"username": "analis", "password": PASSWORD})
    finally:
        user_login_failed.disconnect(failed)
        user_logged_in.disconnect(succeeded)
    assert heard == [("failed", "analis", True), ("in", "analis", True)] * 2
