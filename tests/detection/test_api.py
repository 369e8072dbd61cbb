import pytest

from pantau.detection import services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["pokja", "other_pokja", "admin"])
def test_it_refuses_the_api_to_roles_outside_analysis(api_client_for, users, role):
    api = api_client_for(users[role])
    assert api.get("/api/detection/classifications/").status_code == 403
    assert api.post("/api/detection/detect/", {"texts": ["x"]}, format="json").status_code == 403


def test_it_refuses_the_api_to_anonymous_callers(api_client_for):
    api = api_client_for(None)
    assert api.get("/api/detection/classifications/").status_code in (401, 403)
    assert api.post("/api/detection/detect/", {"texts": ["x"]}, format="json").status_code in (401, 403)


def test_it_classifies_texts_over_the_api(api_client_for, analyst):
    response = api_client_for(analyst).post(
        "/api/detection/detect/", {"texts": ["dasar goblok", "halo"]}, format="json"
    )
    assert response.status_code == 200
    first, second = response.json()["results"]
    assert "kasar" in first["flagged"]
    assert second["flagged"] == []


def test_it_lists_classifications(api_client_for, analyst, make_post):
    make_post("dasar goblok")
    services.classify_new_posts()
    body = api_client_for(analyst).get("/api/detection/classifications/").json()
    rows = body["results"] if isinstance(body, dict) else body
    assert "kasar" in rows[0]["flagged"]


def test_it_refuses_mismatched_times(api_client_for, analyst):
    response = api_client_for(analyst).post(
        "/api/detection/detect/", {"texts": ["a", "b"], "times": ["2024-11-25T10:00:00+07:00"]}, format="json"
    )
    assert response.status_code == 400
