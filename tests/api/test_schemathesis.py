"""Property-based run over the whole API from its own OpenAPI schema: no input gives a 5xx.

Schemathesis generates requests for every operation of the schema (its examples, boundary
values and random data) and sends them in-process through Django's WSGI handler with the
session of an analyst, then of a coordinator: a session, not a token, so that this test does
not depend on how API tokens are kept. The demo office gives the operations real objects.
"""

import io

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from pantau.core.seams import seams

pytestmark = pytest.mark.django_db
# Random examples per operation and role, besides the boundary values; bounded so that the
# whole run stays within a couple of minutes on a laptop.
EXAMPLES_PER_OPERATION = 5
# The demo office without its slowest parts (a model run, a coordination run): loaded per test.
SKIPPED_DEMOS = {"pantau.detection.demo", "pantau.coordination.demo"}
# No 5xx, and what comes back is what the schema says. Undocumented 4xx codes are not checked:
# the schema does not list the API's error responses (one shape for all, docs/api.md).
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True)).exclude(
    # The token exchange checks passwords and issues tokens; its own tests cover it.
    path="/api/token/"
)


class InProcessApp(WSGIHandler):
    """Django's WSGI handler as the test client runs it: CSRF is not asked of a scripted session."""

    def get_response(self, request):
        request._dont_enforce_csrf_checks = True
        return super().get_response(request)


@pytest.fixture
def app():
    # The test's database connection holds its transaction: a request must not close it.
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield InProcessApp()
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def demo_office(db, fast_password_hashing):
    for demo in seams.demo_data:
        if demo.value.__module__ not in SKIPPED_DEMOS:
            demo.value(io.StringIO(), {"posts": 20, "regions": None})


@pytest.fixture(params=["analis", "koordinator"])
def session(request, demo_office):
    from pantau.people.models import User

    client = Client()
    client.force_login(User.objects.get(username=request.param))
    return {"sessionid": client.cookies["sessionid"].value}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_it_answers_every_generated_request_without_a_server_error(case, app, session):
    case.call_and_validate(app=app, cookies=session, checks=CHECKS)


def test_it_serves_the_schema_as_json(client):
    response = client.get("/api/openapi.json")
    assert response["Content-Type"].split(";")[0].endswith("json")
    assert "/api/pokja/actions/{id}/" in response.json()["paths"]


def test_it_serves_the_schema_as_yaml_at_its_own_address(client):
    response = client.get("/api/openapi.yaml")
    assert response.status_code == 200
    assert response.content.startswith(b"openapi: ")
