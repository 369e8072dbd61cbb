"""The password policy holds wherever a password is set; a login lasts a working day at most."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from pantau.people.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

WEAK = ["pendek", "password123", "12345678901234", "budisantoso1"]


@pytest.fixture
def agencies(db):
    from pantau.people.agencies import ensure_standing_agencies
    from pantau.people.models import Agency

    ensure_standing_agencies(Agency)


@pytest.mark.parametrize("password", WEAK)
def test_the_service_refuses_a_weak_password(agencies, password):
    from pantau.people.services import create_user

    with pytest.raises(ValidationError):
        create_user("budisantoso", password, "analyst", "bawaslu", first_name="Budi", last_name="Santoso")
    assert not User.objects.filter(username="budisantoso").exists()


def test_the_service_takes_a_long_uncommon_password(agencies):
    from pantau.people.services import create_user

    assert create_user("budi", "kopi-pagi-di-tamiang-layang", "analyst", "bawaslu").check_password(
        "kopi-pagi-di-tamiang-layang"
    )


def test_the_cli_refuses_a_weak_password_with_a_message(agencies):
    with pytest.raises(CommandError, match="password not accepted"):
        call_command("createuser", "budi", "--role", "analyst", "--password", "pendek")
    assert not User.objects.filter(username="budi").exists()


def test_the_admins_new_user_form_refuses_a_weak_password(client_for, admin_user):
    from pantau.people.models import Agency

    response = client_for(admin_user).post(
        "/admin/people/user/add/",
        {
            "username": "budi",
            "usable_password": "true",
            "password1": "password123",
            "password2": "password123",
            "role": "analyst",
            "agency": Agency.objects.get(code="bawaslu").pk,
        },
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not User.objects.filter(username="budi").exists()


def test_the_admins_password_change_form_refuses_a_weak_password(client_for, admin_user, pokja_member):
    # Office IT may set the password of a pokja member (not of those who see identities).
    response = client_for(admin_user).post(
        f"/admin/people/user/{pokja_member.pk}/password/",
        {"usable_password": "true", "password1": "12345678901234", "password2": "12345678901234"},
    )
    assert response.status_code == 200
    pokja_member.refresh_from_db()
    assert pokja_member.check_password(PASSWORD)


def test_a_login_ends_at_browser_close_and_after_a_working_day(client, analyst, settings):
    client.post("/akun/masuk/", {"username": "analis", "password": PASSWORD})
    assert client.session.get_expiry_age() == settings.PANTAU_SESSION_HOURS * 3600
    assert client.session.get_expire_at_browser_close()
    assert client.cookies["sessionid"]["max-age"] == ""
