import pytest
from django.urls import reverse

from pantau.outreach import services
from pantau.outreach.models import Person, Tie

from .conftest import PHONE


def test_it_creates_an_admin_with_a_phone_number_from_a_groups_page(client_for, analyst, flagged_group):
    client = client_for(analyst)
    page = client.get(reverse("inventory:group", args=[flagged_group.pk])).content.decode()
    assert f"/pihak-luar/baru/?group={flagged_group.pk}" in page
    response = client.post(
        f"/pihak-luar/baru/?group={flagged_group.pk}",
        {"name": "Sari Moderator", "kind": "moderator", "phone": PHONE, "tie-role": "moderator",
         "tie-handle": "@sari.mod", "tie-source": "Daftar moderator grup"},
    )  # fmt: skip
    person = Person.objects.get(name="Sari Moderator")
    assert response.status_code == 302 and person.phone == PHONE
    tie = person.ties.get(group=flagged_group)
    assert tie.role == "moderator" and tie.account.platform_id == "sari.mod"
    assert PHONE in client.get(reverse("inventory:group", args=[flagged_group.pk])).content.decode()


def test_it_records_an_account_that_is_not_imported_yet_by_platform_and_handle(client_for, analyst, person):
    client_for(analyst).post(
        reverse("outreach:person_tie", args=[person.pk]),
        {"tie-role": "account", "tie-platform": "tiktok", "tie-handle": "rudi.tt", "tie-source": "Profil"},
    )
    tie = person.ties.get(role=Tie.Role.ACCOUNT)
    assert (tie.account.platform, tie.account.platform_id) == ("tiktok", "rudi.tt")


def test_it_refuses_a_tie_without_group_or_handle_with_a_message(client_for, analyst, person):
    response = client_for(analyst).post(
        reverse("outreach:person_tie", args=[person.pk]), {"tie-role": "admin"}, follow=True
    )
    assert "Tidak tersimpan" in response.content.decode() and person.ties.count() == 1


def test_it_keeps_the_history_of_a_contact_change(client_for, analyst, person):
    client_for(analyst).post(
        reverse("outreach:person_edit", args=[person.pk]),
        {"name": person.name, "kind": person.kind, "phone": "0813-1111-2222", "email": person.email},
    )
    change = person.changes.first()
    assert PHONE in change.summary and "0813-1111-2222" in change.summary and change.changed_by == analyst


def test_it_merges_a_person_entered_twice(analyst, person, invited, meeting):
    twin = services.create_person(analyst, name="Rudi A.", address="Ampah")
    services.add_tie(twin, analyst, "owner", account=services.account_for("facebook", "rudi.page"))
    services.add_commitment(meeting, twin, "Menghapus postingan", analyst)
    services.merge_people(person, twin, analyst)
    person.refresh_from_db()
    twin.refresh_from_db()
    assert twin.merged_into == person and person.address == "Ampah"
    assert person.ties.count() == 2 and person.commitments.count() == 1
    assert Person.objects.filter(merged_into__isnull=True).count() == 1
    with pytest.raises(services.OutreachError):
        services.merge_people(person, twin, analyst)


def test_it_lists_people_only_once_merged(client_for, analyst, person):
    twin = services.create_person(analyst, name="Rudi Kembar")
    client_for(analyst).post(reverse("outreach:person_merge", args=[person.pk]), {"duplicate": twin.pk})
    listing = client_for(analyst).get(reverse("outreach:people")).content.decode()
    assert "Rudi Admin" in listing and "Rudi Kembar" not in listing


@pytest.mark.parametrize("role", ["pokja", "other_pokja", "admin", None])
def test_it_refuses_outside_people_to_everyone_but_the_office(client_for, api_client_for, users, person, role):
    user = users.get(role) if role else None
    for url in (reverse("outreach:people"), reverse("outreach:person", args=[person.pk])):
        response = client_for(user).get(url)
        assert response.status_code in (302, 403) and PHONE not in response.content.decode()
    api = api_client_for(user).get(f"/api/outreach/people/{person.pk}/")
    assert api.status_code in (401, 403) and PHONE not in api.content.decode()


def test_it_shows_the_contact_details_in_the_api_to_the_office(api_client_for, coordinator, person):
    body = api_client_for(coordinator).get("/api/outreach/people/").json()
    assert PHONE in str(body)
