"""API tokens: shown once, stored as a hash, expiring, revocable, and never in the admin."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from rest_framework.test import APIClient

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def obtain(username="analis", password=PASSWORD):
    return APIClient().post("/api/token/", {"username": username, "password": password})


def with_token(token):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api


def test_it_gives_a_token_that_works_with_the_documented_header(analyst):
    token = obtain().json()["token"]
    assert token.startswith("pantau_")
    response = with_token(token).get("/api/me/")
    assert response.status_code == 200
    assert response.json()["username"] == "analis"


def test_it_keeps_only_a_hash_of_the_token(analyst):
    from knox.models import AuthToken

    token = obtain().json()["token"]
    stored = AuthToken.objects.get(user=analyst)
    assert token not in (stored.digest, stored.token_key)
    assert len(stored.token_key) < len(token)


def test_it_makes_the_token_expire_after_the_configured_days(analyst, settings):
    body = obtain().json()
    expiry = timezone.datetime.fromisoformat(body["expiry"])
    expected = timezone.now() + timedelta(days=settings.PANTAU_TOKEN_DAYS)
    assert abs((expiry - expected).total_seconds()) < 60


def test_it_refuses_an_expired_token_in_the_one_error_shape(analyst):
    from knox.models import AuthToken

    token = obtain().json()["token"]
    AuthToken.objects.filter(user=analyst).update(expiry=timezone.now() - timedelta(seconds=1))
    response = with_token(token).get("/api/me/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_it_refuses_a_wrong_password_without_a_token(analyst):
    response = obtain(password="salah")
    assert response.status_code == 400
    assert "token" not in response.json()
    assert response.json()["error"]["message"] == "Tidak dapat masuk dengan nama pengguna dan kata sandi tersebut."


def test_it_refuses_a_token_to_a_deactivated_user(analyst):
    analyst.is_active = False
    analyst.save()
    assert obtain().status_code == 400


def test_it_lets_a_script_revoke_its_own_token(analyst):
    first, second = obtain().json()["token"], obtain().json()["token"]
    assert with_token(first).post("/api/token/revoke/").status_code == 204
    assert with_token(first).get("/api/me/").status_code == 401
    assert with_token(second).get("/api/me/").status_code == 200


def test_it_lets_a_user_revoke_all_their_tokens(analyst, coordinator):
    mine = [obtain().json()["token"] for _ in range(2)]
    theirs = obtain("koordinator").json()["token"]
    response = with_token(mine[0]).post("/api/token/revoke-all/")
    assert response.json() == {"revoked": 2}
    assert [with_token(t).get("/api/me/").status_code for t in mine] == [401, 401]
    assert with_token(theirs).get("/api/me/").status_code == 200


def test_it_lets_a_pokja_member_revoke_their_tokens(pokja_member):
    token = obtain("diskominfo").json()["token"]
    assert with_token(token).post("/api/token/revoke-all/").json() == {"revoked": 1}


def test_it_says_revoking_the_current_token_needs_a_token(client_for, analyst):
    response = client_for(analyst).post("/api/token/revoke/")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Panggilan ini tidak dibuat dengan token API."


def test_it_refuses_revocation_to_anonymous_callers(db):
    assert APIClient().post("/api/token/revoke-all/").status_code in (401, 403)


@pytest.mark.parametrize("change", ["deactivate", "role"])
def test_it_revokes_the_tokens_of_a_user_who_is_deactivated_or_changes_role(analyst, change):
    token = obtain().json()["token"]
    if change == "deactivate":
        analyst.is_active = False
    else:
        analyst.role = "pokja"
    analyst.save()
    assert with_token(token).get("/api/me/").status_code == 401
    from knox.models import AuthToken

    assert not AuthToken.objects.filter(user=analyst).exists()


def test_it_keeps_the_tokens_when_other_details_change(analyst):
    token = obtain().json()["token"]
    analyst.first_name = "Rina"
    analyst.save()
    assert with_token(token).get("/api/me/").status_code == 200


def test_it_shows_no_token_anywhere_in_the_admin(client_for, admin_user, analyst):
    from django.contrib import admin

    token = obtain().json()["token"]
    registered = {model._meta.label for model in admin.site._registry}
    assert not {"knox.AuthToken", "authtoken.Token", "authtoken.TokenProxy"} & registered
    client = client_for(admin_user)
    for path in ("/admin/knox/authtoken/", "/admin/authtoken/tokenproxy/", "/admin/authtoken/token/"):
        assert client.get(path).status_code == 404
    for path in ("/admin/", "/admin/people/user/", f"/admin/people/user/{analyst.pk}/change/"):
        page = client.get(path)
        assert page.status_code == 200
        assert token not in page.content.decode() and token[:15] not in page.content.decode()


def test_it_lets_an_admin_revoke_a_users_tokens_from_the_user_list(client_for, admin_user, analyst, coordinator):
    mine, theirs = obtain().json()["token"], obtain("koordinator").json()["token"]
    response = client_for(admin_user).post(
        "/admin/people/user/", {"action": "revoke_api_tokens", "_selected_action": [analyst.pk]}, follow=True
    )
    assert "1 token API dicabut." in response.content.decode()
    assert with_token(mine).get("/api/me/").status_code == 401
    assert with_token(theirs).get("/api/me/").status_code == 200


def test_the_cli_lists_holders_without_tokens_and_revokes(analyst, capsys):
    token = obtain().json()["token"]
    call_command("tokens", "list")
    listing = capsys.readouterr().out
    assert "analis" in listing and "1 token(s)" in listing
    assert token not in listing and token[:15] not in listing
    call_command("tokens", "revoke", "analis")
    assert "1 token(s) revoked" in capsys.readouterr().out
    assert with_token(token).get("/api/me/").status_code == 401


def test_the_cli_names_an_unknown_user(db):
    with pytest.raises(CommandError, match="unknown user"):
        call_command("tokens", "revoke", "siapa")


def test_the_account_page_shows_a_new_token_once_and_never_again(client_for, analyst):
    client = client_for(analyst)
    created = client.post("/akun/token/", {"action": "create"})
    assert created.status_code == 200
    assert "no-store" in created["Cache-Control"] or "no-cache" in created["Cache-Control"]
    token = created.context["new_token"]
    assert token in created.content.decode()
    assert with_token(token).get("/api/me/").status_code == 200
    later = client.get("/akun/token/").content.decode()
    assert token not in later and token[:15] not in later
    assert "Buat token" in later


def test_the_account_page_revokes_all_of_ones_tokens(client_for, analyst):
    token = obtain().json()["token"]
    response = client_for(analyst).post("/akun/token/", {"action": "revoke"}, follow=True)
    assert "1 token dicabut." in response.content.decode()
    assert with_token(token).get("/api/me/").status_code == 401


def test_the_account_page_is_for_signed_in_people_only(client):
    response = client.get("/akun/token/")
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
