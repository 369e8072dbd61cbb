"""Every API list checks its limit and offset: out of range is a 400 naming the parameter, never a 500."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from pantau.api.pagination import MAX_LIMIT, MAX_OFFSET

pytestmark = pytest.mark.django_db


def list_paths() -> list[str]:
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    return sorted(
        path
        for path, operations in paths.items()
        if "{" not in path and any(p["name"] == "limit" for p in operations.get("get", {}).get("parameters", []))
    )


def test_it_finds_the_lists_to_check():
    assert {"/api/posts/", "/api/accounts/", "/api/pokja/actions/", "/api/jobs/"} <= set(list_paths())


BAD = [
    ("limit", "99999999999999999999"),
    ("limit", str(MAX_LIMIT + 1)),
    ("limit", "0"),
    ("limit", "-1"),
    ("limit", "abc"),
    ("limit", "1.5"),
    ("offset", "99999999999999999999"),
    ("offset", str(MAX_OFFSET + 1)),
    ("offset", "-1"),
    ("offset", "٣"),
]


@pytest.mark.parametrize("path", list_paths())
@pytest.mark.parametrize(("name", "value"), BAD)
def test_it_answers_400_in_the_one_error_shape_for_a_bad_page(client_for, coordinator, path, name, value):
    response = client_for(coordinator).get(path, {name: value})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400 and list(error["fields"]) == [name]


@pytest.mark.parametrize("path", list_paths())
def test_it_pages_within_the_bounds(client_for, coordinator, path):
    response = client_for(coordinator).get(path, {"limit": str(MAX_LIMIT), "offset": str(MAX_OFFSET)})
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_it_pages_the_posts(client_for, analyst):
    from pantau.intake.models import Post

    for n in range(3):
        Post.objects.create(natural_key=f"x:{n}", platform="facebook", text=f"post {n}")
    page = client_for(analyst).get("/api/posts/", {"limit": "2", "offset": "1"}).json()
    assert page["count"] == 3 and len(page["results"]) == 2 and page["previous"] and page["next"] is None


def test_it_says_in_the_schema_how_far_a_page_goes(client):
    parameters = client.get("/api/openapi.json").json()["paths"]["/api/posts/"]["get"]["parameters"]
    limit = next(p for p in parameters if p["name"] == "limit")["schema"]
    assert (limit["minimum"], limit["maximum"]) == (1, MAX_LIMIT)


def test_it_refuses_an_empty_patch_of_an_action_item_with_a_field_error(client_for, analyst, coordinator):
    from datetime import UTC, date, datetime

    from pantau.pokja.models import ActionItem, Meeting

    meeting = Meeting.objects.create(title="R", starts_at=datetime(2024, 10, 1, tzinfo=UTC), chair=coordinator)
    action = ActionItem.objects.create(
        meeting=meeting, title="T", owner_agency=analyst.agency, due_date=date(2024, 11, 1)
    )
    client = client_for(analyst)
    empty = client.patch(f"/api/pokja/actions/{action.pk}/", {}, content_type="application/json")
    wrong = client.patch(f"/api/pokja/actions/{action.pk}/", {"status": 5}, content_type="application/json")
    assert (empty.status_code, list(empty.json()["error"]["fields"])) == (400, ["status"])
    assert (wrong.status_code, list(wrong.json()["error"]["fields"])) == (400, ["status"])
