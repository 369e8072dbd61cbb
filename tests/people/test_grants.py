"""Roles that see reporters' identities: office IT asks, a coordinator confirms; every change is logged."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from pantau.audit.models import AuditEntry
from pantau.people import grants
from pantau.people.models import Role, RoleGrant, User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _add_via_admin(client, username, role):
    return client.post(
        reverse("admin:people_user_add"),
        {
            "username": username,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "usable_password": "true",
            "role": role,
            "agency": User.objects.get(username="analis").agency_id,
        },
    )


@pytest.fixture
def admin_client(client_for, users):
    return client_for(users["admin"])


class TestAdminCreatesAUser:
    def test_it_creates_an_analyst_without_identity_access_until_confirmed(self, admin_client, client_for, make_report):
        response = _add_via_admin(admin_client, "baru", "analyst")
        assert response.status_code == 302
        user = User.objects.get(username="baru")
        assert user.role == Role.NONE
        assert RoleGrant.objects.get(user=user).status == RoleGrant.Status.PENDING
        report = make_report()
        assert client_for(user).get(f"/lapor/staf/{report.pk}/identitas/").status_code == 403

    def test_it_takes_effect_when_a_coordinator_confirms(self, admin_client, client_for, users, make_report):
        _add_via_admin(admin_client, "baru", "analyst")
        grant = RoleGrant.objects.get(user__username="baru")
        client_for(users["coordinator"]).post(reverse("people:grant_decide", args=[grant.pk]), {"decision": "confirm"})
        user = User.objects.get(username="baru")
        assert user.role == Role.ANALYST
        assert client_for(user).get(f"/lapor/staf/{make_report().pk}/identitas/").status_code == 200
        confirmed = AuditEntry.objects.get(action="role.confirmed")
        assert (confirmed.actor, confirmed.target_id) == (users["coordinator"], str(user.pk))

    def test_it_creates_a_pokja_member_directly(self, admin_client):
        _add_via_admin(admin_client, "mitra", "pokja")
        assert User.objects.get(username="mitra").role == Role.POKJA
        assert not RoleGrant.objects.exists()


class TestAdminChangesARole:
    def _change(self, client, user, role):
        data = {
            "username": user.username,
            "first_name": "",
            "last_name": "",
            "email": user.email,
            "role": role,
            "agency": user.agency_id,
            "position": "",
            "is_active": "on",
        }
        return client.post(reverse("admin:people_user_change", args=[user.pk]), data)

    def test_it_keeps_the_old_role_until_a_coordinator_confirms(self, admin_client, users):
        response = self._change(admin_client, users["pokja"], "coordinator")
        assert response.status_code == 302
        users["pokja"].refresh_from_db()
        assert users["pokja"].role == Role.POKJA
        assert RoleGrant.objects.get().role == Role.COORDINATOR

    def test_the_admin_cannot_make_themselves_an_analyst(self, admin_client, users):
        self._change(admin_client, users["admin"], "analyst")
        users["admin"].refresh_from_db()
        assert users["admin"].role == Role.ADMIN

    def test_saving_the_form_again_keeps_the_one_request(self, admin_client, users):
        self._change(admin_client, users["pokja"], "analyst")
        self._change(admin_client, users["pokja"], "analyst")
        assert RoleGrant.objects.filter(status=RoleGrant.Status.PENDING).count() == 1

    def test_it_lowers_a_role_at_once_and_logs_and_mails_it(
        self, admin_client, users, smtp_server, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            self._change(admin_client, users["analyst"], "pokja")
        users["analyst"].refresh_from_db()
        assert users["analyst"].role == Role.POKJA
        entry = AuditEntry.objects.filter(action="role.changed", target_id=str(users["analyst"].pk)).latest("seq")
        assert (entry.actor, entry.details) == (users["admin"], {"role": "pokja", "previous": "analyst"})
        assert any("koordinator@example.org" in m["To"] for m in smtp_server)

    def test_it_logs_an_agency_change(self, admin_client, users):
        from pantau.people.models import Agency

        user = users["pokja"]
        user.agency = Agency.objects.get(code="polres")
        self._change(admin_client, user, "pokja")
        entry = AuditEntry.objects.get(action="agency.changed")
        assert entry.details == {"agency": "polres", "previous": "diskominfo"}

    def test_it_offers_no_staff_superuser_or_permission_flags(self, admin_client, users):
        body = admin_client.get(reverse("admin:people_user_change", args=[users["analyst"].pk])).content.decode()
        for field in ("is_superuser", "is_staff", "user_permissions", "groups"):
            assert f'name="{field}"' not in body

    def test_it_refuses_to_set_the_password_of_someone_who_sees_identities(self, admin_client, users):
        url = reverse("admin:auth_user_password_change", args=[users["analyst"].pk])
        response = admin_client.post(url, {"password1": "N3w-passw0rd-xyz", "password2": "N3w-passw0rd-xyz"})
        assert response.status_code == 302
        users["analyst"].refresh_from_db()
        assert users["analyst"].check_password(PASSWORD)


class TestGrantsPage:
    @pytest.fixture
    def grant(self, users):
        return grants.set_role(users["pokja"], Role.ANALYST, by=users["admin"])

    def test_it_lists_pending_grants_for_a_coordinator(self, client_for, users, grant):
        body = client_for(users["coordinator"]).get(reverse("people:grants")).content.decode()
        assert "diskominfo" in body and reverse("people:grant_decide", args=[grant.pk]) in body

    @pytest.mark.parametrize("role", ["analyst", "admin", "pokja"])
    def test_it_refuses_everyone_else(self, client_for, users, grant, role):
        assert client_for(users[role]).get(reverse("people:grants")).status_code == 403
        url = reverse("people:grant_decide", args=[grant.pk])
        assert client_for(users[role]).post(url, {"decision": "confirm"}).status_code == 403
        users["pokja"].refresh_from_db()
        assert users["pokja"].role == Role.POKJA

    def test_a_refusal_keeps_the_old_role(self, client_for, users, grant):
        client_for(users["coordinator"]).post(reverse("people:grant_decide", args=[grant.pk]), {"decision": "refuse"})
        users["pokja"].refresh_from_db()
        assert users["pokja"].role == Role.POKJA
        assert AuditEntry.objects.filter(action="role.refused").count() == 1

    def test_nobody_confirms_their_own_role(self, users):
        grant = grants.set_role(users["coordinator"], Role.ANALYST, by=users["admin"])
        with pytest.raises(grants.GrantError):
            grants.confirm(grant, users["coordinator"])

    def test_a_decided_grant_cannot_be_decided_again(self, client_for, users, grant):
        grants.refuse(grant, users["coordinator"])
        response = client_for(users["coordinator"]).post(
            reverse("people:grant_decide", args=[grant.pk]), {"decision": "confirm"}, follow=True
        )
        assert response.status_code == 200
        users["pokja"].refresh_from_db()
        assert users["pokja"].role == Role.POKJA

    def test_it_mails_the_coordinators_when_a_grant_is_asked_for(
        self, users, smtp_server, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            grants.set_role(users["pokja"], Role.ANALYST, by=users["admin"])
        assert [m["To"] for m in smtp_server] == ["koordinator@example.org"]

    def test_the_menu_counts_what_waits(self, client_for, users, grant):
        body = client_for(users["coordinator"]).get("/").content.decode()
        assert reverse("people:grants") in body


class TestOperator:
    def test_the_first_coordinator_is_created_from_the_shell(self, db):
        from pantau.people.agencies import ensure_standing_agencies
        from pantau.people.models import Agency

        ensure_standing_agencies(Agency)
        call_command("createuser", "ketua", "--role", "coordinator", "--password", "Panjang-sekali-42")
        assert User.objects.get(username="ketua").role == Role.COORDINATOR
        entry = AuditEntry.objects.get(action="role.changed")
        assert entry.actor is None and entry.details["role"] == "coordinator"

    def test_pantau_users_grants_directly_and_logs_it(self, users):
        call_command("users", "set-role", "diskominfo", "analyst")
        users["pokja"].refresh_from_db()
        assert users["pokja"].role == Role.ANALYST
        assert AuditEntry.objects.filter(action="role.changed", actor=None, target_id=str(users["pokja"].pk)).exists()

    def test_a_role_saved_from_a_shell_outside_the_services_is_still_logged(self, users):
        user = users["pokja"]
        user.role = Role.COORDINATOR
        user.save()
        entry = AuditEntry.objects.filter(action="role.changed", target_id=str(user.pk)).latest("seq")
        assert entry.details == {"role": "coordinator", "previous": "pokja", "via": "direct save"}

    def test_the_demo_creates_its_coordinator(self, db, settings, tmp_path):
        from io import StringIO

        from pantau.people import demo

        settings.PANTAU_HOME = tmp_path
        demo.load(StringIO(), {})
        assert User.objects.get(username="koordinator").role == Role.COORDINATOR
