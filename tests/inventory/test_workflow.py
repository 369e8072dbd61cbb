"""The inventory's status workflow as data, with the coordinator's override audited."""

import pytest
from django.urls import reverse

from pantau.audit.models import AuditEntry
from pantau.inventory.models import Account, StatusChange, WatchStatus
from pantau.inventory.services import WorkflowError, change_status
from pantau.inventory.workflow import TRANSITIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def account():
    return Account.objects.create(platform="facebook", platform_id="fb-dodi", name="Dodi Rekaan")


def test_it_has_a_table_row_for_every_status():
    assert set(TRANSITIONS) == set(WatchStatus.values)
    assert all(set(targets) <= set(WatchStatus.values) for targets in TRANSITIONS.values())


def test_it_refuses_a_jump_from_watched_to_closed_and_says_where_it_may_go(analyst, account):
    with pytest.raises(WorkflowError, match="(?i)ditandai"):
        change_status(account, WatchStatus.CLOSED, analyst, "Sudah tidak aktif")
    account.refresh_from_db()
    assert account.status == WatchStatus.WATCHED and not StatusChange.objects.exists()


def test_it_walks_the_workflow_one_step_at_a_time(analyst, account):
    for status in (WatchStatus.FLAGGED, WatchStatus.CONFIRMED, WatchStatus.ACTED_ON, WatchStatus.CLOSED):
        change_status(account, status, analyst, "Langkah berikutnya")
    assert account.status == WatchStatus.CLOSED and StatusChange.objects.count() == 4


def test_it_lets_a_coordinator_override_with_a_reason_and_audits_it(coordinator, account):
    change_status(account, WatchStatus.CLOSED, coordinator, "Akun sudah dihapus platform", override=True)
    account.refresh_from_db()
    assert account.status == WatchStatus.CLOSED
    entry = AuditEntry.objects.get(action="inventory.status_overridden")
    assert entry.actor == coordinator and "Akun sudah dihapus platform" in str(entry.details)


def test_it_refuses_the_override_to_an_analyst(analyst, account):
    with pytest.raises(WorkflowError, match="(Only a coordinator|Hanya koordinator)"):
        change_status(account, WatchStatus.CLOSED, analyst, "Sudah tidak aktif", override=True)


def test_it_still_wants_a_reason_for_an_override(coordinator, account):
    with pytest.raises(WorkflowError, match="reason"):
        change_status(account, WatchStatus.CLOSED, coordinator, " ", override=True)


def test_the_page_refuses_a_jump_in_indonesian_and_offers_the_override_to_coordinators_only(
    client_for, analyst, coordinator, account
):
    url = reverse("inventory:account_status", args=[account.pk])
    page = client_for(analyst).post(url, {"status": "selesai", "reason": "Tidak aktif"}, follow=True)
    assert "hanya dapat berpindah ke" in page.content.decode()
    assert 'name="override"' not in page.content.decode()
    page = client_for(coordinator).get(reverse("inventory:account", args=[account.pk]))
    assert 'name="override"' in page.content.decode()
    client_for(coordinator).post(url, {"status": "selesai", "reason": "Dihapus platform", "override": "on"})
    account.refresh_from_db()
    assert account.status == WatchStatus.CLOSED


def test_the_api_refuses_a_jump_unless_a_coordinator_overrides(api_client_for, users, account):
    url = f"/api/accounts/{account.pk}/status/"
    refused = api_client_for(users["analyst"]).post(url, {"status": "selesai", "reason": "x"}, format="json")
    assert refused.status_code == 400 and "ditandai" in str(refused.json()).lower()
    done = api_client_for(users["coordinator"]).post(
        url, {"status": "selesai", "reason": "Dihapus platform", "override": True}, format="json"
    )
    assert done.status_code == 201 and done.json()["new_status"] == "selesai"
