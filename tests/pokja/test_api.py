import pytest


def test_it_lists_the_meetings_of_the_callers_agency(api_client_for, meeting, pokja_member):
    response = api_client_for(pokja_member).get("/api/pokja/meetings/")
    assert response.status_code == 200 and [m["id"] for m in response.json()["results"]] == [meeting.pk]


def test_it_hides_them_from_another_agency(api_client_for, meeting, other_pokja_member):
    assert api_client_for(other_pokja_member).get("/api/pokja/meetings/").json()["results"] == []
    assert api_client_for(other_pokja_member).get(f"/api/pokja/meetings/{meeting.pk}/").status_code == 404


def test_it_lets_the_owner_agency_patch_an_action_status(api_client_for, action, pokja_member):
    response = api_client_for(pokja_member).patch(f"/api/pokja/actions/{action.pk}/", {"status": "in_progress"})
    action.refresh_from_db()
    assert response.status_code == 200 and action.status == "in_progress"


def test_it_refuses_another_agency_patching(api_client_for, action, other_pokja_member):
    response = api_client_for(other_pokja_member).patch(f"/api/pokja/actions/{action.pk}/", {"status": "done"})
    assert response.status_code == 404


def test_it_rejects_an_unknown_status(api_client_for, action, pokja_member):
    response = api_client_for(pokja_member).patch(f"/api/pokja/actions/{action.pk}/", {"status": "lost"})
    assert response.status_code == 400


@pytest.mark.parametrize("url", ["/api/pokja/meetings/", "/api/pokja/actions/"])
def test_it_refuses_anonymous_callers(api_client_for, db, url):
    assert api_client_for(None).get(url).status_code in (401, 403)
