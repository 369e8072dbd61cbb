import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_it_logs_in_with_the_right_password_and_lands_on_the_overview(client, analyst):
    response = client.post(reverse("people:login"), {"username": "analis", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Ringkasan" in response.content.decode()


def test_it_refuses_a_wrong_password_with_a_message_in_indonesian(client, analyst):
    response = client.post(reverse("people:login"), {"username": "analis", "password": "wrong"})
    assert response.status_code == 200
    assert "dan sandi yang benar" in response.content.decode()


def test_it_refuses_a_deactivated_user(client, analyst):
    analyst.is_active = False
    analyst.save()
    response = client.post(reverse("people:login"), {"username": "analis", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_it_logs_out_only_by_post(client_for, analyst):
    client = client_for(analyst)
    assert client.get(reverse("people:logout")).status_code == 405
    client.post(reverse("people:logout"))
    assert "_auth_user_id" not in client.session


def test_it_refuses_a_login_form_without_its_csrf_token(analyst):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("people:login"), {"username": "analis", "password": PASSWORD})
    assert response.status_code == 403


def test_it_makes_only_the_admin_role_staff_of_the_django_admin(users):
    assert [role for role, user in users.items() if user.is_staff] == ["admin"]
