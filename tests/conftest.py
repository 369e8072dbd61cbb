"""Shared fixtures: one user per role, an outsider from another agency, clients.

Every page and endpoint is tested against these people: the role that may use
it, and the ones that may not (the outsider among them).
"""

import pytest

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Each test creates a user per role; PBKDF2 would make that most of the suite's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def mail_links_open_from_a_mail_client():
    """Every e-mail any test sends has only absolute http(s) links (tests/mail_links.py)."""
    from django.core import mail

    from tests.mail_links import bad_links_in_messages

    yield
    bad = bad_links_in_messages(getattr(mail, "outbox", []))
    if bad:
        pytest.fail(f"e-mail links that do not open from a mail client: {bad}")


@pytest.fixture(autouse=True)
def fresh_process_memory():
    # Each process's own cache (the public form's rendered fields) outlives each test's rolled-back data.
    from django.core.cache import caches

    caches["local"].clear()


@pytest.fixture(autouse=True)
def own_evidence_head(settings, tmp_path, monkeypatch):
    # The chain's head lives outside the database, so it outlives each test's rolled-back data;
    # every test gets its own head file and store, and no anchor log unless it sets one.
    settings.PANTAU_EVIDENCE_HEAD_FILE = tmp_path / "evidence-head.json"
    settings.PANTAU_EVIDENCE_ROOT = tmp_path / "evidence"
    monkeypatch.delenv("PANTAU_EVIDENCE_ANCHOR", raising=False)


@pytest.fixture
def make_user(db):
    from pantau.people.agencies import ensure_standing_agencies
    from pantau.people.models import Agency
    from pantau.people.services import create_user

    ensure_standing_agencies(Agency)

    def make(username, role, agency="bawaslu", **extra):
        return create_user(username, PASSWORD, role, agency, email=f"{username}@example.org", validate=False, **extra)

    return make


@pytest.fixture
def analyst(make_user):
    return make_user("analis", "analyst")


@pytest.fixture
def coordinator(make_user):
    return make_user("koordinator", "coordinator")


@pytest.fixture
def pokja_member(make_user):
    return make_user("diskominfo", "pokja", agency="diskominfo")


@pytest.fixture
def other_pokja_member(make_user):
    """A pokja member from another agency: must not see what is shared with Diskominfo only."""
    return make_user("polres", "pokja", agency="polres")


@pytest.fixture
def admin_user(make_user):
    return make_user("admin", "admin")


@pytest.fixture
def users(analyst, coordinator, pokja_member, other_pokja_member, admin_user):
    return {
        "analyst": analyst,
        "coordinator": coordinator,
        "pokja": pokja_member,
        "other_pokja": other_pokja_member,
        "admin": admin_user,
    }


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client logged in as that user (None: anonymous)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def api_client_for(users):
    from rest_framework.test import APIClient

    def make(user):
        api = APIClient()
        if user is not None:
            from pantau.api.tokens import issue_token

            _, token = issue_token(user)
            api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return api

    return make


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback; messages land in the returned list."""
    from tests.smtp import run_smtp_server

    with run_smtp_server() as (port, messages):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        yield messages
    from tests.mail_links import bad_links_in_messages

    bad = bad_links_in_messages(messages)
    if bad:
        pytest.fail(f"e-mail links that do not open from a mail client: {bad}")


@pytest.fixture
def run_queued_jobs():
    """Run the queued jobs (of one kind, or all) one after another as a worker would; how many ran."""
    from pantau.jobs.models import Job, Status
    from pantau.jobs.runner import run_job

    def run(kind=None):
        ran = 0
        while True:
            queued = Job.objects.filter(status=Status.QUEUED)
            job = (queued.filter(kind=kind) if kind else queued).order_by("pk").first()
            if job is None:
                return ran
            run_job(job.pk)
            ran += 1

    return run
