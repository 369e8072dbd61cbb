import io
import re
import zlib

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from pantau.core.seams import seams
from pantau.documents.letter import latin1, tanggal
from pantau.documents.registry import DocumentError, document_types
from pantau.documents.services import generate


def pdf_text(data: bytes) -> str:
    """The text drawn in an fpdf2 PDF (its content streams are deflated).

    The stream is cut at the first "endstream" and the pattern's optional CR may eat the stream's last
    byte, so each is inflated leniently: a strict inflate would drop a whole page about once in 256."""
    chunks = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            chunks.append(zlib.decompressobj().decompress(stream).decode("latin-1"))
        except zlib.error:
            continue
    return "".join(chunks)


def docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.fixture
def invitee(meeting, analyst):
    from pantau.inventory.models import Group
    from pantau.outreach import services

    group = Group.objects.create(platform="facebook", platform_id="g1", name="Info Ampah Terkini", status="ditandai")
    person = services.create_person(analyst, name="Rudi Admin", phone="0812-7777-1234")
    services.add_tie(person, analyst, "admin", group=group)
    return services.invite(meeting, person, analyst, group=group)


def test_it_writes_dates_the_indonesian_way():
    from datetime import date

    assert tanggal(date(2024, 11, 1), weekday=True) == "Jumat, 1 November 2024"


def test_it_replaces_characters_the_pdf_fonts_lack():
    assert latin1("“Awas” hoaks 🔥 – café") == '"Awas" hoaks ? - café'


def test_it_makes_the_inventory_report_as_pdf_with_the_letterhead(flagged_account):
    name, data = generate("inventory", "pdf")
    assert name.endswith(".pdf") and data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "BARITO TIMUR" in text and "Akun Provokator" in text


def test_it_makes_the_inventory_report_as_docx(flagged_account):
    _name, data = generate("inventory", "docx")
    text = docx_text(data)
    assert "BAWASLU KABUPATEN BARITO TIMUR" in text and "Akun Provokator" in text and "Tamiang Layang, " in text


def test_it_lists_evidence_hashes_from_an_evidence_provider(flagged_account):
    def evidence(obj):
        return [{"sha256": "ab" * 32, "thumbnail": None}]

    seams.document_evidence.add(evidence)
    try:
        _name, data = generate("inventory", "docx")
    finally:
        seams.document_evidence.remove(evidence)
    assert "abababababababab" in docx_text(data)


def test_it_makes_the_minutes_with_attendance_and_actions(meeting, action):
    meeting.invitations.update(attended=True)
    _name, data = generate("minutes", "docx", {"meeting": meeting.pk})
    text = docx_text(data)
    assert "NOTULEN RAPAT" in text and "Hadir" in text and "Undang admin grup Facebook" in text


def test_it_makes_the_invitation_letter_with_nomor_perihal_and_recipient(meeting, invitee):
    _name, data = generate("invitation", "pdf", {"meeting": meeting.pk})
    text = pdf_text(data)
    assert "001/PM.00.02/K.KH-06/10/2024" in text and "Kepada Yth." in text and "Perihal" in text
    assert "Sifat" in text and "Tembusan" in text


def test_it_says_a_meeting_without_outside_invitees_has_no_letters_to_make(meeting):
    with pytest.raises(DocumentError, match="no outside invitees"):
        generate("invitation", "pdf", {"meeting": meeting.pk})


def test_it_uses_the_latest_meeting_without_an_id(meeting):
    _name, data = generate("minutes", "docx")
    assert "RAPAT POKJA" in docx_text(data)


def test_it_names_the_known_documents_when_asked_for_an_unknown_one(db):
    with pytest.raises(DocumentError, match=r"unknown document 'kasus' \(known: case, .*minutes"):
        generate("kasus", "pdf")


def test_it_refuses_a_document_to_a_role_that_may_not_make_it(pokja_member, flagged_account):
    with pytest.raises(DocumentError):
        generate("inventory", "pdf", user=pokja_member)


def test_it_keeps_a_member_to_the_meetings_of_their_agency(meeting, other_pokja_member):
    with pytest.raises(DocumentError):
        generate("minutes", "pdf", {"meeting": meeting.pk}, user=other_pokja_member)


class TestCommand:
    def test_it_writes_the_file(self, tmp_path, meeting):
        out = tmp_path / "notulen.pdf"
        call_command("document", "minutes", "--format", "pdf", "--out", str(out), stdout=io.StringIO())
        assert out.read_bytes().startswith(b"%PDF")

    def test_it_reports_an_unknown_kind_in_one_line(self, tmp_path, db):
        with pytest.raises(CommandError, match="unknown document"):
            call_command("document", "surat", "--out", str(tmp_path / "x.pdf"))

    def test_it_reports_a_missing_meeting(self, tmp_path, db):
        with pytest.raises(CommandError, match="no meeting"):
            call_command("document", "minutes", "--meeting", "999", "--out", str(tmp_path / "x.pdf"))

    def test_it_rejects_an_unknown_format(self, tmp_path, db):
        with pytest.raises(CommandError, match="--format"):
            call_command("document", "inventory", "--format", "odt", "--out", str(tmp_path / "x.odt"))


class TestPages:
    def test_it_generates_a_document_as_a_job_and_offers_the_download(self, client_for, analyst, flagged_account):
        from pantau.jobs.models import Job
        from pantau.jobs.runner import run_job

        client = client_for(analyst)
        response = client.post(reverse("documents:new"), {"kind": "inventory", "format": "docx"})
        job = Job.objects.get()
        assert response.status_code == 302
        run_job(job.pk)
        job.refresh_from_db()
        assert job.status == "done", job.message
        download = client.get(job.result["download"])
        assert download.status_code == 200
        assert "Akun Provokator" in docx_text(b"".join(download.streaming_content))

    @pytest.mark.parametrize("role", ["admin", "pokja"])
    def test_it_refuses_the_analysts_document_to_others(self, client_for, users, role, flagged_account):
        from pantau.jobs.runner import run_job, start_job

        job = run_job(start_job("documents.generate", "x", {"kind": "inventory", "format": "pdf"}, users["analyst"]).pk)
        client = client_for(users[role])
        assert client.get(reverse("documents:download", args=[job.pk])).status_code == 403
        assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 403
        assert client_for(users["coordinator"]).get(reverse("documents:download", args=[job.pk])).status_code == 200

    @pytest.mark.parametrize("role", ["admin", "pokja"])
    def test_it_refuses_the_analysts_export_to_others(self, client_for, users, role, api_client_for):
        from pantau.jobs.runner import run_job, start_job

        job = start_job("dashboards.export", "x", {"kind": "cases", "format": "csv"}, users["analyst"])
        job = run_job(job.pk)
        assert job.status == "done", job.message
        assert client_for(users[role]).get(reverse("documents:download", args=[job.pk])).status_code == 403
        assert api_client_for(users[role]).get(f"/api/jobs/{job.pk}/").status_code in (403, 404)
        assert job.pk not in [j["id"] for j in api_client_for(users[role]).get("/api/jobs/").json()["results"]]

    def test_it_offers_a_member_only_the_documents_they_may_make(self, client_for, pokja_member):
        response = client_for(pokja_member).get(reverse("documents:new"))
        assert response.status_code == 200
        assert b'value="inventory"' not in response.content and b'value="minutes"' in response.content

    @pytest.mark.parametrize("name,args", [("documents:new", []), ("documents:download", [1])])
    def test_it_sends_anonymous_visitors_to_login(self, client_for, db, name, args):
        assert client_for(None).get(reverse(name, args=args)).status_code == 302


def test_it_registers_the_shipped_documents():
    assert {"inventory", "minutes", "invitation", "case", "forwarding"} <= set(document_types())


def test_it_checks_that_documents_render_and_can_be_stored(settings, tmp_path):
    from pantau.documents.selfcheck import CHECKS

    settings.MEDIA_ROOT = tmp_path
    assert [fn()[0] for _name, fn in CHECKS] == [True, True]


def test_the_inventory_report_lists_each_flagged_groups_admins_and_moderators(db, analyst):
    from django.utils import timezone

    from pantau.inventory.models import Account, Group, GroupRole
    from pantau.outreach import services

    group = Group.objects.create(platform="facebook", platform_id="g1", name="Info Ampah Terkini", status="ditandai")
    quiet = Group.objects.create(platform="facebook", platform_id="g2", name="Jual Beli Ampah", status="dipantau")
    for name, role in (("Rudi Admin", "admin"), ("Sari Moderator", "moderator"), ("Anggota Biasa", "member")):
        account = Account.objects.create(platform="facebook", platform_id=name, name=name)
        GroupRole.objects.create(group=group, account=account, role=role, seen_at=timezone.now())
    person = services.create_person(analyst, name="Pak Haji Usman", phone="0812-9999-0000")
    services.add_tie(person, analyst, "owner", group=group)
    text = docx_text(generate("inventory", "docx")[1])
    assert "Rudi Admin (admin)" in text and "Sari Moderator (moderator)" in text and "Pak Haji Usman" in text
    assert "Anggota Biasa" not in text and quiet.name not in text and "0812-9999-0000" not in text


def docx_in_order(data: bytes) -> list[str]:
    """Paragraphs and table cells in the order they are in the document's body."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(io.BytesIO(data))
    lines = []
    for child in doc.element.body.iterchildren():
        if child.tag.endswith("}p"):
            lines.append(Paragraph(child, doc).text)
        elif child.tag.endswith("}tbl"):
            lines += [cell.text for row in Table(child, doc).rows for cell in row.cells]
    return lines


def test_it_writes_one_letter_per_invitee_with_their_name_group_and_number(meeting, invitee, analyst):
    from pantau.documents.models import IssuedNumber
    from pantau.outreach import services

    other = services.create_person(analyst, name="Sari Moderator")
    services.invite(meeting, other, analyst)
    text = docx_text(generate("invitation", "docx", {"meeting": meeting.pk})[1])
    assert "Sdr./Sdri. Rudi Admin" in text and "Admin grup Info Ampah Terkini" in text and "Sari Moderator" in text
    numbers = list(IssuedNumber.objects.order_by("sequence").values_list("number", flat=True))
    assert numbers == ["001/PM.00.02/K.KH-06/10/2024", "002/PM.00.02/K.KH-06/10/2024"]
    assert all(number in text for number in numbers)


def test_it_keeps_a_letters_number_when_it_is_made_again_and_never_reuses_one(meeting, invitee):
    from pantau.documents.models import IssuedNumber
    from pantau.documents.numbering import issue_number

    generate("invitation", "pdf", {"meeting": meeting.pk})
    generate("invitation", "docx", {"meeting": meeting.pk})
    assert IssuedNumber.objects.count() == 1
    invitee.delete()
    from datetime import date

    assert issue_number("other:1", "invitation", day=date(2024, 12, 1)).sequence == 2


def test_it_numbers_per_year_and_classification_code_in_the_configured_form(db, settings):
    from datetime import date

    from pantau.documents.numbering import issue_number

    settings.PANTAU_LETTER_NUMBER_FORMAT = "{code}-{year}-{seq:04d}"
    assert issue_number("a", "x", code="PM.01", day=date(2024, 5, 1)).number == "PM.01-2024-0001"
    assert issue_number("b", "x", code="PM.01", day=date(2024, 6, 1)).number == "PM.01-2024-0002"
    assert issue_number("c", "x", code="HK.02", day=date(2024, 6, 1)).number == "HK.02-2024-0001"
    assert issue_number("d", "x", code="PM.01", day=date(2025, 1, 2)).number == "PM.01-2025-0001"


def test_it_refuses_a_number_format_without_a_sequence(monkeypatch):
    from pantau import settings as project_settings
    from pantau.lib.env import ConfigError

    monkeypatch.setenv("PANTAU_LETTER_NUMBER_FORMAT", "{code}/{year}")
    with pytest.raises(ConfigError, match="seq"):
        project_settings._letter_number_format()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_it_puts_the_signature_before_the_annex_and_nothing_internal_in_the_letter(meeting, invitee, fmt):
    from pantau.pokja.agenda import add_proposals

    add_proposals(meeting)
    data = generate("invitation", fmt, {"meeting": meeting.pk})[1]
    text = "\n".join(docx_in_order(data)) if fmt == "docx" else pdf_text(data)
    assert text.index("Koordinator Divisi") < text.index("Tembusan") < text.index("SUSUNAN ACARA")
    for item in meeting.agenda.all():
        assert item.title not in text
    assert "Berisiko" not in text and "Risiko" not in text


def test_it_can_write_one_letter_with_the_invitees_in_an_annex(meeting, invitee):
    lines = docx_in_order(generate("invitation", "docx", {"meeting": meeting.pk, "layout": "annex"})[1])
    text = "\n".join(lines)
    assert text.count("Kepada Yth.") == 1 and text.index("Tembusan") < text.index("Rudi Admin")


def test_it_prints_the_uploaded_logo_and_refuses_a_file_that_is_not_an_image(client_for, admin_user, analyst):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pantau.documents.logo import current_logo, placeholder
    from tests.reports.conftest import jpeg_bytes

    client = client_for(admin_user)
    response = client.post(
        reverse("documents:logo"), {"logo": SimpleUploadedFile("x.png", b"not an image")}, follow=True
    )
    assert current_logo() == placeholder() and "gambar" in response.content.decode()
    client.post(reverse("documents:logo"), {"logo": SimpleUploadedFile("logo.jpg", jpeg_bytes())})
    assert current_logo() != placeholder() and current_logo()[:4] == b"\x89PNG"  # a clean copy, no EXIF
    assert client_for(analyst).get(reverse("documents:logo")).status_code == 403
