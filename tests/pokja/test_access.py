"""Object-level access: a pokja member sees only what concerns their agency."""

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
