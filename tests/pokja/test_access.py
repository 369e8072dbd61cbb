"""Object-level access: a pokja member sees only what concerns their agency."""

import pytest

from pantau.pokja.access import actions_for, can_update_action, meetings_for


def test_it_shows_a_member_the_meetings_their_agency_is_invited_to(meeting, pokja_member):
    assert list(meetings_for(pokja_member)) == [meeting]


def test_it_hides_a_meeting_from_another_agencys_member(meeting, other_pokja_member):
    assert list(meetings_for(other_pokja_member)) == []


def test_it_shows_office_staff_every_meeting(meeting, analyst):
    assert list(meetings_for(analyst)) == [meeting]


def test_it_shows_a_member_only_their_agencys_action_items(action, pokja_member, other_pokja_member):
    assert list(actions_for(pokja_member)) == [action]
    assert list(actions_for(other_pokja_member)) == []


def test_it_lets_only_the_owner_agency_update_an_action(action, pokja_member, other_pokja_member):
    assert can_update_action(pokja_member, action)
    assert not can_update_action(other_pokja_member, action)


@pytest.fixture
def shared_meeting(meeting, other_pokja_member):
    """The meeting with Polres invited too, so both agencies' members read it."""
    from pantau.pokja.models import Invitation

    Invitation.objects.create(meeting=meeting, agency=other_pokja_member.agency, name="Polres")
    return meeting


@pytest.fixture
def diskominfo_case(analyst, pokja_member):
    """A finding assigned to Diskominfo only."""
    from pantau.cases.services import open_case

    case = open_case(user=analyst, title="Hoaks jembatan putus di Awang")
    case.agencies.add(pokja_member.agency)
    return case


def _proposed(meeting):
    from pantau.pokja.agenda import add_proposals

    add_proposals(meeting)
    return meeting


def test_it_hides_another_agencys_action_and_case_from_a_members_meeting_page(
    client_for, shared_meeting, action, diskominfo_case, other_pokja_member
):
    _proposed(shared_meeting)
    response = client_for(other_pokja_member).get(f"/pokja/rapat/{shared_meeting.pk}/")
    body = response.content.decode()
    assert response.status_code == 200 and shared_meeting.title in body
    assert action.title not in body
    assert diskominfo_case.title not in body


def test_it_shows_the_owner_agency_its_action_and_case_on_the_meeting_page(
    client_for, shared_meeting, action, diskominfo_case, pokja_member
):
    _proposed(shared_meeting)
    response = client_for(pokja_member).get(f"/pokja/rapat/{shared_meeting.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert action.title in body
    assert diskominfo_case.title in body


def test_it_hides_another_agencys_case_from_a_members_meeting_api(
    api_client_for, shared_meeting, action, diskominfo_case, other_pokja_member, analyst
):
    _proposed(shared_meeting)
    theirs = api_client_for(other_pokja_member).get(f"/api/pokja/meetings/{shared_meeting.pk}/").json()
    office = api_client_for(analyst).get(f"/api/pokja/meetings/{shared_meeting.pk}/").json()
    assert theirs["id"] == shared_meeting.pk
    assert diskominfo_case.title not in str(theirs)
    assert diskominfo_case.title in str(office)
