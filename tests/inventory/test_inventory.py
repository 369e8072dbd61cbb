import pytest
from django.urls import reverse

from pantau.inventory.models import Account, Group, GroupRole, StatusChange, WatchStatus
from pantau.inventory.services import WorkflowError, change_status, link_alias

pytestmark = pytest.mark.django_db


@pytest.fixture
def watched():
    account = Account.objects.create(platform="facebook", platform_id="fb-dodi", name="Dodi Rekaan")
    confirmed = Account.objects.create(
        platform="facebook", platform_id="fb-rina", name="Rina Rekaan", status=WatchStatus.CONFIRMED
    )
    group = Group.objects.create(platform="facebook", platform_id="4242", name="Grup Contoh Warga")
    return {"account": account, "confirmed": confirmed, "group": group}


def test_it_records_who_changed_a_status_when_and_why(analyst, watched):
    change_status(watched["account"], WatchStatus.FLAGGED, analyst, "Provokatif berulang")
    change = StatusChange.objects.get()
    assert (change.old_status, change.new_status, change.changed_by, change.reason) == (
        "dipantau",
        "ditandai",
        analyst,
        "Provokatif berulang",
    )
    watched["account"].refresh_from_db()
    assert watched["account"].status == "ditandai"


def test_it_requires_a_reason_for_a_status_change(analyst, watched):
    with pytest.raises(WorkflowError):
        change_status(watched["account"], WatchStatus.FLAGGED, analyst, " ")


def test_it_ties_accounts_of_one_actor_together(analyst, watched):
    tiktok = Account.objects.create(platform="tiktok", platform_id="dodi.tt")
    actor = link_alias(watched["account"], tiktok, analyst, "Dodi")
    assert set(actor.accounts.values_list("platform_id", flat=True)) == {"fb-dodi", "dodi.tt"}


@pytest.mark.parametrize("name", ["inventory:accounts", "inventory:groups"])
@pytest.mark.parametrize(("who", "status"), [(None, 302), ("admin", 403)])
def test_it_refuses_outsiders_on_inventory_lists(users, client_for, name, who, status):
    assert client_for(users.get(who)).get(reverse(name)).status_code == status


def test_it_shows_pokja_members_only_confirmed_accounts(users, client_for, watched):
    client = client_for(users["pokja"])
    page = client.get(reverse("inventory:accounts")).content.decode()
    assert "Rina Rekaan" in page and "Dodi Rekaan" not in page
    assert client.get(reverse("inventory:account", args=[watched["confirmed"].pk])).status_code == 200
    assert client.get(reverse("inventory:account", args=[watched["account"].pk])).status_code == 404
    assert client.get(reverse("inventory:groups")).status_code == 403
    assert client.get(reverse("inventory:group", args=[watched["group"].pk])).status_code == 403


def test_it_refuses_pokja_members_a_status_change(users, client_for, watched):
    url = reverse("inventory:account_status", args=[watched["confirmed"].pk])
    response = client_for(users["pokja"]).post(url, {"status": "selesai", "reason": "x"})
    assert response.status_code == 403 and not StatusChange.objects.exists()


@pytest.mark.parametrize(
    "name", ["inventory:account_status", "inventory:account_alias", "inventory:group_status", "inventory:group_role"]
)
@pytest.mark.parametrize(("who", "status"), [(None, 302), ("admin", 403), ("other_pokja", 403)])
def test_it_refuses_outsiders_on_inventory_forms(users, client_for, watched, name, who, status):
    pk = watched["group"].pk if "group" in name else watched["account"].pk
    assert client_for(users.get(who)).post(reverse(name, args=[pk]), {}).status_code == status


def test_an_analyst_changes_a_status_from_the_account_page(users, client_for, watched):
    client = client_for(users["analyst"])
    url = reverse("inventory:account_status", args=[watched["account"].pk])
    client.post(url, {"status": "ditandai", "reason": "Unggahan adu domba"})
    page = client.get(reverse("inventory:account", args=[watched["account"].pk])).content.decode()
    assert "Unggahan adu domba" in page


def test_an_analyst_adds_a_group_admin(users, client_for, watched):
    url = reverse("inventory:group_role", args=[watched["group"].pk])
    client_for(users["analyst"]).post(url, {"platform_id": "fb-admin-1", "name": "Admin Satu", "role": "admin"})
    role = GroupRole.objects.get()
    assert (role.account.name, role.role, role.added_by) == ("Admin Satu", "admin", users["analyst"])
    page = client_for(users["analyst"]).get(reverse("inventory:group", args=[watched["group"].pk])).content.decode()
    assert "Admin Satu" in page


def test_an_analyst_adds_an_alias(users, client_for, watched):
    Account.objects.create(platform="tiktok", platform_id="dodi.tt")
    url = reverse("inventory:account_alias", args=[watched["account"].pk])
    client_for(users["analyst"]).post(url, {"platform": "tiktok", "platform_id": "dodi.tt", "actor_name": "Dodi"})
    watched["account"].refresh_from_db()
    assert watched["account"].actor.name == "Dodi"


def test_it_filters_and_searches_the_inventory(users, client_for, watched):
    client = client_for(users["analyst"])
    page = client.get(reverse("inventory:accounts"), {"status": "terkonfirmasi"}).content.decode()
    assert "Rina Rekaan" in page and "Dodi Rekaan" not in page
    page = client.get(reverse("inventory:accounts"), {"q": "dodi", "sort": "name"}).content.decode()
    assert "Dodi Rekaan" in page and "Rina Rekaan" not in page


def test_the_api_lists_only_confirmed_accounts_to_pokja(users, api_client_for, watched):
    rows = api_client_for(users["pokja"]).get("/api/accounts/").json()["results"]
    assert [row["platform_id"] for row in rows] == ["fb-rina"]
    assert api_client_for(users["pokja"]).get("/api/groups/").status_code == 403


@pytest.mark.parametrize(("who", "status"), [(None, 401), ("admin", 403)])
def test_the_api_refuses_outsiders(users, api_client_for, who, status):
    assert api_client_for(users.get(who)).get("/api/accounts/").status_code == status


def test_the_api_changes_a_status_for_analysts_only(users, api_client_for, watched):
    url = f"/api/accounts/{watched['confirmed'].pk}/status/"
    refused = api_client_for(users["pokja"]).post(url, {"status": "selesai", "reason": "x"}, format="json")
    assert refused.status_code == 403
    done = api_client_for(users["analyst"]).post(url, {"status": "selesai", "reason": "Selesai"}, format="json")
    assert done.status_code == 201 and done.json()["new_status"] == "selesai"
    missing = api_client_for(users["analyst"]).post(url, {"status": "dipantau"}, format="json")
    assert missing.status_code == 400


# --- bulk status changes


@pytest.fixture
def many_accounts(db):
    return [Account.objects.create(platform="facebook", platform_id=f"akun-{n}", name=f"Akun {n}") for n in range(6)]


def test_it_changes_the_status_of_many_accounts_with_one_reason(users, client_for, many_accounts):
    from pantau.audit.models import AuditEntry

    chosen = many_accounts[:4]
    response = client_for(users["analyst"]).post(
        reverse("inventory:accounts_status"),
        {"id": [a.pk for a in chosen], "status": "ditandai", "reason": "Menyebar hasutan di grup", "query": "q=akun"},
    )
    assert response.status_code == 302 and response["Location"].endswith("?q=akun")
    assert set(Account.objects.filter(status="ditandai")) == set(chosen)
    changes = StatusChange.objects.filter(account__in=chosen)
    assert changes.count() == 4 and {c.reason for c in changes} == {"Menyebar hasutan di grup"}
    assert AuditEntry.objects.filter(action="inventory.status_changed").count() == 4


def test_it_changes_the_status_of_many_groups_and_names_those_left_as_they_were(users, client_for):
    groups = [Group.objects.create(platform="facebook", platform_id=f"grup-{n}", name=f"Grup {n}") for n in range(3)]
    Group.objects.filter(pk=groups[0].pk).update(status="ditandai")
    response = client_for(users["coordinator"]).post(
        reverse("inventory:groups_status"),
        {"id": [g.pk for g in groups], "status": "ditandai", "reason": "Grup adu domba"},
        follow=True,
    )
    assert Group.objects.filter(status="ditandai").count() == 3
    assert StatusChange.objects.filter(group__in=groups).count() == 2
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings and "Grup 0" in warnings[0]


@pytest.mark.parametrize("who", ["pokja", "other_pokja", "admin"])
def test_it_refuses_a_bulk_status_change_to_others(users, client_for, many_accounts, who):
    response = client_for(users[who]).post(
        reverse("inventory:accounts_status"), {"id": [a.pk for a in many_accounts], "status": "ditandai", "reason": "x"}
    )
    assert response.status_code == 403
    assert not Account.objects.filter(status="ditandai").exists()


def test_it_changes_nothing_without_a_reason(users, client_for, many_accounts):
    response = client_for(users["analyst"]).post(
        reverse("inventory:accounts_status"),
        {"id": [many_accounts[0].pk], "status": "ditandai", "reason": " "},
        follow=True,
    )
    assert not Account.objects.filter(status="ditandai").exists()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
