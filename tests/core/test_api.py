import pytest

pytestmark = pytest.mark.django_db


def test_it_publishes_an_openapi_schema(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert "/api/stats/" in response.content.decode()


def test_it_answers_stats_to_a_token_holder(api_client_for, analyst):
    response = api_client_for(analyst).get("/api/stats/")
    assert response.status_code == 200
    assert set(response.json()) >= {"posts", "accounts", "groups"}


def test_it_refuses_stats_to_anonymous_callers_in_the_one_error_shape(api_client_for):
    response = api_client_for(None).get("/api/stats/")
    assert response.status_code in (401, 403)
    error = response.json()["error"]
    assert error["status"] == response.status_code
    assert error["code"] == "not_authenticated"
    assert error["message"]


def test_it_issues_a_token_for_valid_credentials(client, analyst):
    from tests.conftest import PASSWORD

    response = client.post("/api/token/", {"username": "analis", "password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["token"]


def test_it_reports_bad_credentials_with_field_errors(client, analyst):
    response = client.post("/api/token/", {"username": "analis"})
    assert response.status_code == 400
    assert "password" in response.json()["error"]["fields"]


def test_it_shows_a_pokja_member_only_the_jobs_they_started(api_client_for, pokja_member, analyst):
    from pantau.jobs.models import Job

    Job.objects.create(kind="x", title="mine", created_by=pokja_member)
    Job.objects.create(kind="x", title="office", created_by=analyst)
    titles = [job["title"] for job in api_client_for(pokja_member).get("/api/jobs/").json()["results"]]
    assert titles == ["mine"]


def test_the_openapi_schema_describes_every_endpoint_without_warnings(tmp_path):
    from django.core.management import call_command

    out = tmp_path / "schema.yml"
    call_command("spectacular", "--fail-on-warn", "--file", str(out))
    schema = out.read_text()
    assert "/api/detection/detect/" in schema and "JobStatusEnum" in schema
