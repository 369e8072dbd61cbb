"""The generated role matrix: every URL and API operation, every role, real objects.

The table of who may open what is `tests/core/role_matrix.py`. This walks the
URL resolver and the OpenAPI schema (so a new page or operation without a row
fails), fills ids with objects that belong to Diskominfo, and asks as each
role. Every answer is also searched for what must never reach a role: a
reporter's identity, contact, receipt code, address or original file name
outside the roles (and the one page) that handle it, and one agency's case
and action item in another agency's answers.
"""

import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.core import role_matrix as matrix
from tests.reports.conftest import fresh_rate_limits, jpeg_bytes, kecamatan, make_report  # noqa: F401

REPORTER = {"name": "Siti Rahma Wulandari", "phone": "081299887766", "email": "siti.rahma@example.org"}
NIK = "6213014508900002"
REPORTER_IP = "127.0.0.70"
ID_CARD_NAME = f"KTP_Siti_Rahma_{NIK}.jpg"
CASE_TITLE = "Kasus khusus Diskominfo: hoaks jembatan Awang"
ACTION_TITLE = "Tindak lanjut khusus Diskominfo: panggil admin grup"
# An outside person's contact details: only analysts and coordinators ever see them.
OUTSIDE = {"phone": "0813-4455-6677", "email": "admin.grup@example.net", "address": "Jalan Rahasia No. 7, Ampah"}
IDENTITY_PAGES = {"reports:staff_identity", "GET /api/reports/{id}/"}
LOGIN_PATH = "/akun/masuk/"


def url_patterns(patterns=None, prefix="", namespace=""):
    """(name, route) of every URL pattern, names with their namespaces."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield namespace + (pattern.name or ""), prefix + str(pattern.pattern)


def api_operations() -> list[str]:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [f"{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops]


def unlisted(pages: dict, api: dict) -> list[str]:
    """What the resolver or the schema has that the table lacks (or the reverse)."""
    missing = []
    for name, route in url_patterns():
        if name.startswith("admin:"):
            continue
        if name.startswith("api:") and name not in pages:
            continue  # API routes are checked by their schema operation below
        if name not in pages:
            missing.append(f"page {name} ({route})")
    operations = api_operations()
    missing += [f"operation {op}" for op in operations if op not in api]
    missing += [f"stale row {op}" for op in api if op not in operations]
    names = {name for name, _ in url_patterns()}
    missing += [f"stale row {name}" for name in pages if name not in names]
    return missing


def test_it_has_a_row_for_every_url_and_api_operation(db):
    missing = unlisted(matrix.PAGES, matrix.API)
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("table", ["PAGES", "API"])
def test_it_fails_when_a_row_is_removed(db, table):
    rows = dict(getattr(matrix, table))
    removed = next(iter(rows))
    del rows[removed]
    tables = {"PAGES": matrix.PAGES, "API": matrix.API, table: rows}
    assert any(removed in line for line in unlisted(tables["PAGES"], tables["API"]))


# --- the world: objects of Diskominfo, a reporter with an identity, a job of the analyst


@pytest.fixture
def world(users, make_report, django_capture_on_commit_callbacks):  # noqa: F811
    from pantau.cases import services as cases
    from pantau.coordination.services import run_coordination
    from pantau.dashboards.models import Notification, PositiveMessage, WatchList
    from pantau.detection.models import Classification
    from pantau.detection.services import classify_posts
    from pantau.evidence.services import add_evidence
    from pantau.intake.models import Post, SavedSearch
    from pantau.inventory.models import Account, WatchStatus
    from pantau.jobs.runner import run_job, start_job
    from pantau.people import grants
    from pantau.pokja.agenda import add_proposals
    from pantau.pokja.models import ActionItem, AgendaItem, Invitation, Meeting
    from pantau.reports import services as reports
    from tests.coordination.factories import campaign

    analyst, diskominfo = users["analyst"], users["pokja"]
    report = make_report(**REPORTER, nik=NIK)
    reports.attach_files(report, [SimpleUploadedFile(ID_CARD_NAME, jpeg_bytes(), "image/jpeg")], ip=REPORTER_IP)
    case = cases.open_from_report(report, analyst)
    case.title = CASE_TITLE
    case.save()
    with django_capture_on_commit_callbacks(execute=True):  # the assignment mail goes after commit
        cases.assign(case, analyst, people=[diskominfo], agencies=[diskominfo.agency])
    forwarding = _forwarded_to(
        case, diskominfo.agency, analyst, users["coordinator"], django_capture_on_commit_callbacks
    )

    posts = campaign()
    classify_posts(Post.objects.all())
    run = run_coordination(user=analyst, full=True)
    account = posts[0].author
    account.status = WatchStatus.FLAGGED
    account.save()
    confirmed = Account.objects.create(platform="facebook", platform_id="dikonfirmasi", status=WatchStatus.CONFIRMED)
    group = posts[0].group or _group()

    meeting = Meeting.objects.create(
        title="Rapat Pokja", starts_at=datetime(2024, 10, 31, 2, tzinfo=UTC), mode="online", chair=users["coordinator"]
    )
    Invitation.objects.create(meeting=meeting, agency=diskominfo.agency, person=diskominfo, name="Budi")
    action = ActionItem.objects.create(meeting=meeting, title=ACTION_TITLE, owner_agency=diskominfo.agency)
    add_proposals(meeting)
    agenda_item = AgendaItem.objects.create(meeting=meeting, order=99, title="Lain-lain")

    job = run_job(start_job("dashboards.export", "Ekspor laporan", {"kind": "reports", "format": "csv"}, analyst).pk)
    assert job.status == "done", job.message
    evidence = add_evidence(SimpleUploadedFile("tangkapan.jpg", jpeg_bytes()), user=analyst, captured_from="capture")
    watch = WatchList.objects.create(name="Pantauan", owner=analyst, keywords="suku")
    note = Notification.objects.create(user=analyst, title="Akun dipantau muncul", key="matrix:1")
    positive = PositiveMessage.objects.create(title="Klarifikasi", body="Jembatan Awang tidak putus.")
    saved_search = SavedSearch.objects.create(name="Pencarian suku", params={"q": "suku"}, created_by=analyst)
    newcomer = users["other_pokja"].__class__.objects.create(username="pendatang", role="none")
    grant = grants.set_role(newcomer, "analyst", by=users["admin"])
    person, outside_invitation, commitment = _outside_person(analyst, meeting, group)
    return {
        "person": (person.pk,),
        "outside_invitation": (outside_invitation.pk,),
        "commitment": (commitment.pk,),
        "report": (report.pk,),
        "attachment": (report.attachments.get().pk,),
        "case": (case.pk,),
        "forwarding": (forwarding.pk,),
        "meeting": (meeting.pk,),
        "agenda_item": (meeting.pk, agenda_item.pk),
        "action": (action.pk,),
        "job": (job.pk,),
        "post": (posts[0].pk,),
        "account": (account.pk,),
        "confirmed_account": (confirmed.pk,),
        "group": (group.pk,),
        "classification": (Classification.objects.first().pk,),
        "cluster": (run.clusters.first().pk,),
        "cluster_csv": (run.clusters.first().pk, "csv"),
        "evidence": (evidence.pk,),
        "watch_list": (watch.pk,),
        "notification": (note.pk,),
        "positive": (positive.pk,),
        "saved_search": (saved_search.pk,),
        "grant": (grant.pk,),
        "_code": report.code,
    }


def _forwarded_to(case, agency, analyst, coordinator, on_commit):
    """The case decided and forwarded to `agency` (the letter, its members told in the app and by mail)."""
    from pantau.cases import domain
    from pantau.cases import services as cases
    from pantau.cases.forwarding import forward

    for step in (domain.INITIAL_REVIEW, domain.REGISTERED, domain.ASSESSMENT):
        cases.move(case, step, analyst)
    cases.move(case, domain.VIOLATION, coordinator)
    with on_commit(execute=True):
        return forward(case, coordinator, "other", agencies=[agency], request="Mohon ditindaklanjuti.")


def _outside_person(analyst, meeting, group):
    from pantau.outreach import services as outreach

    person = outreach.create_person(analyst, name="Admin Info Tamiang", **OUTSIDE)
    outreach.add_tie(person, analyst, "admin", group=group, source="Halaman grup")
    invitation = outreach.invite(meeting, person, analyst, group=group)
    commitment = outreach.add_commitment(meeting, person, "Memoderasi grup", analyst, group=group)
    return person, invitation, commitment


def _group():
    from pantau.inventory.models import Group

    return Group.objects.create(platform="facebook", platform_id="info-tamiang", name="Info Tamiang")


# --- asking


def ask(user, method: str, url: str):
    """One request by `user` (None: anonymous) whose effects are rolled back, logging in included,
    so every role meets the same world and a logout or a form leaves nothing behind."""
    client = Client(raise_request_exception=False)
    with transaction.atomic():
        if user is not None:
            client.force_login(user)
        if method == "GET":
            response = client.get(url)
        else:
            response = client.generic(method, url, "{}" if url.startswith("/api/") else "", _content_type(url))
        body = b"".join(response.streaming_content) if response.streaming else response.content
        transaction.set_rollback(True)
    return response, body.decode("utf-8", "replace")


def _content_type(url: str) -> str:
    return "application/json" if url.startswith("/api/") else "application/x-www-form-urlencoded"


def refused(role, response) -> bool:
    """403/404 (401 in the API); an anonymous visitor is sent to the login page instead."""
    if response.status_code in (401, 403, 404):
        return True
    to_login = response.status_code == 302 and LOGIN_PATH in response.get("Location", "")
    return role == matrix.ANON and to_login


def leaks(role: str, key: str, body: str, world: dict) -> list[str]:
    """What of the reporter or another agency this answer shows that `role` may not see."""
    found = []
    handler = role in matrix.HANDLERS
    private = [REPORTER["name"], REPORTER["phone"], REPORTER["email"], NIK]
    traces = [REPORTER_IP, ID_CARD_NAME.removesuffix(".jpg")]
    if not handler:
        found += [f"receipt code {world['_code']}"] if world["_code"] in body else []
    if not handler or key not in IDENTITY_PAGES:
        found += [f"identity {value!r}" for value in private if value in body]
        found += [f"trace {value!r}" for value in traces if value in body]
    if not handler:
        found += [f"outside person's {value!r}" for value in OUTSIDE.values() if value in body]
    if role in (matrix.OTHER_POKJA, matrix.ADMIN, matrix.ANON):
        found += [f"other agency's {value!r}" for value in (CASE_TITLE, ACTION_TITLE) if value in body]
    return found


def check(role, key, method, url, allowed, users, world) -> list[str]:
    response, body = ask(users.get(role), method, url)
    problems = []
    if response.status_code in (405, 500):  # a wrong row, or a server error
        problems.append(f"{response.status_code}")
    elif refused(role, response) == (role in allowed):
        problems.append(f"{'refused' if refused(role, response) else 'let in'} ({response.status_code})")
    problems += leaks(role, key, body, world)
    return [f"{role:<11} {method} {url} [{key}]: {p}" for p in problems]


def test_it_lets_each_role_open_exactly_the_pages_of_the_table(users, world):
    problems = []
    for key, (obj, allowed, method) in sorted(matrix.PAGES.items()):
        url = reverse(key, args=world[obj] if obj else ())
        for role in matrix.ROLES:
            problems += check(role, key, method, url, allowed, users, world)
    assert not problems, "\n".join(problems)


def test_it_lets_each_role_call_exactly_the_api_operations_of_the_table(users, world):
    problems = []
    for key, (obj, allowed) in sorted(matrix.API.items()):
        method, path = key.split(" ", 1)
        url = re.sub(r"\{\w+\}", str(world[obj][0]), path) if obj else path
        for role in matrix.ROLES:
            problems += check(role, key, method, url, allowed, users, world)
    assert not problems, "\n".join(problems)


LOGGED_IN = [role for role in matrix.ROLES if role != matrix.ANON]


def test_it_keeps_every_export_to_what_its_maker_may_see(users, world, tmp_path):
    """Exports are another way to the same data: each role's export is searched like its pages."""
    from pantau.dashboards.exports import ExportError, export_kinds, run_export

    problems = []
    for key in sorted(export_kinds()):
        for role in LOGGED_IN:
            out = tmp_path / f"{key}-{role}.csv"
            try:
                run_export(key, "csv", out, user=users[role])
            except (ExportError, PermissionError) as exc:
                problems += [f"{role} export {key}: refused but may ({exc})"] if _may_export(key, role) else []
                continue
            if not _may_export(key, role):
                problems.append(f"{role} export {key}: made, but the role may not")
            problems += [f"{role} export {key}: {leak}" for leak in leaks(role, "export", out.read_text(), world)]
    assert not problems, "\n".join(problems)


def _may_export(key: str, role: str) -> bool:
    return role in matrix.EXPORTS[key]


def test_it_keeps_every_document_to_what_its_maker_may_see(users, world):
    from pantau.documents.registry import DocumentError, document_types
    from pantau.documents.services import generate
    from tests.documents.test_documents import docx_text

    params = {"meeting": world["meeting"][0], "case": world["case"][0]}
    problems = []
    for key in sorted(document_types()):
        for role in LOGGED_IN:
            try:
                _, data = generate(key, "docx", params, user=users[role])
            except (DocumentError, Exception) as exc:  # a refusal may be a 404 of the meeting or case
                if role in matrix.DOCUMENTS[key] and not _is_refusal(exc):
                    problems.append(f"{role} document {key}: {type(exc).__name__}: {exc}")
                continue
            if role not in matrix.DOCUMENTS[key]:
                problems.append(f"{role} document {key}: made, but the role may not")
            problems += [f"{role} document {key}: {leak}" for leak in leaks(role, "document", docx_text(data), world)]
    assert not problems, "\n".join(problems)


def _is_refusal(exc) -> bool:
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from pantau.documents.registry import DocumentError

    return isinstance(exc, DocumentError | PermissionDenied | Http404)


def test_it_sends_no_reporter_or_other_agency_data_in_mail_to_others(users, world, mailoutbox):
    """The world's making sends the assignment and status mail; what reaches whom is checked."""
    by_address = {user.email: role for role, user in users.items()}
    assert any(by_address.get(a) == matrix.POKJA for m in mailoutbox for a in m.to), "the case's assignment mail"
    problems = []
    for message in mailoutbox:
        text = message.subject + message.body + "".join(str(a[0]) for a in getattr(message, "alternatives", []))
        for address in message.to + message.cc + message.bcc:
            role = by_address.get(address)
            if role is not None:
                problems += [f"mail to {role}: {leak}" for leak in leaks(role, "mail", text, world)]
    assert not problems, "\n".join(problems)


def test_it_keeps_the_django_admin_to_the_it_admin(users):
    name, allowed = matrix.ADMIN_SITE
    for role in matrix.ROLES:
        response, _ = ask(users.get(role), "GET", reverse(name))
        assert (response.status_code == 200) == (role in allowed), role


def test_it_keeps_the_identity_from_an_admin_who_makes_themselves_a_handler(users, world, client):
    """The two ways an admin reached a reporter's name: another's token, or a new analyst account."""
    from pantau.people.models import Agency

    admin = users["admin"]
    client.force_login(admin)
    password = "Sangat-rahasia-123"
    client.post(
        "/admin/people/user/add/",
        {
            "username": "penyusup",
            "usable_password": "true",
            "password1": password,
            "password2": password,
            "role": "analyst",
            "agency": Agency.objects.get(code="bawaslu").pk,
        },
    )
    made = get_user_model().objects.get(username="penyusup")
    client.force_login(made)
    response = client.get(f"/lapor/staf/{world['report'][0]}/identitas/")
    assert response.status_code == 403 and REPORTER["name"] not in response.content.decode()
    client.force_login(admin)
    listing = client.get("/admin/").content.decode()
    assert "tokenproxy" not in listing and "authtoken" not in listing
