"""The public pages: the form, the receipt, the status page; no login anywhere."""

import hashlib
import re

import pytest

from pantau.evidence.models import ChainEntry, EvidenceItem, ImageFingerprint
from pantau.evidence.previews import preview_path
from pantau.jobs.models import Job, Status
from pantau.reports import crypto
from pantau.reports.models import Report

from .conftest import form_data, upload

pytestmark = pytest.mark.django_db


def _send(client, kecamatan, files=None, **extra):
    data = form_data(kecamatan, **extra)
    if files is not None:
        data["evidence"] = files
    return client.post("/lapor/", data)


def test_it_shows_the_form_in_indonesian_without_login(client, kecamatan):
    response = client.get("/lapor/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert "Dusun Timur" in body


def test_it_offers_a_kecamatan_added_after_the_form_was_shown(client, kecamatan):
    from pantau.regions.models import Level, Region

    assert "Paju Epat" not in client.get("/lapor/").content.decode()
    Region.objects.create(code="62.13.02", name="Paju Epat", level=Level.KECAMATAN, parent=kecamatan.parent)
    assert "Paju Epat" in client.get("/lapor/").content.decode()


def test_it_speaks_english_when_the_visitor_chooses_it(client, kecamatan):
    client.cookies["pantau_language"] = "en"
    assert "Report a suspected election violation" in client.get("/lapor/").content.decode()


def test_it_files_a_report_and_shows_the_receipt_code(client, kecamatan):
    response = _send(client, kecamatan, files=[upload()])
    assert response.status_code == 302 and response["Location"] == "/lapor/tanda-terima/"
    report = Report.objects.get()
    receipt = client.get("/lapor/tanda-terima/")
    assert report.code in receipt.content.decode()
    assert re.fullmatch(r"BTM-[A-Z2-9]{4}-[A-Z2-9]{4}", report.code)
    assert report.attachments.count() == 1


def test_it_tells_on_the_receipt_how_many_files_it_received(client, kecamatan):
    _send(client, kecamatan, files=[upload(), photo_no_other_test_sends()])
    body = client.get("/lapor/tanda-terima/").content.decode()
    assert "<dt>Berkas bukti</dt><dd>2</dd>" in body


def test_it_tells_on_the_receipt_that_no_file_came_with_a_report_without_one(client, kecamatan):
    _send(client, kecamatan)
    body = client.get("/lapor/tanda-terima/").content.decode()
    assert "<dt>Berkas bukti</dt><dd>0</dd>" in body


def test_it_stores_the_evidence_through_the_evidence_store(client, kecamatan):
    _send(client, kecamatan, files=[upload()])
    item = EvidenceItem.objects.get()
    report = Report.objects.get()
    assert item.mime_type == "image/jpeg"
    assert item.captured_from == f"public report {report.code}"


def photo_no_other_test_sends():
    # Previews are files named by the content's hash in the session's home: an image another test sent
    # would already have one.
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (41, 29), (13, 117, 201)).save(out, "JPEG")
    return upload(data=out.getvalue())


def test_it_shows_the_receipt_before_the_photo_is_fingerprinted_and_previewed(client, kecamatan):
    _send(client, kecamatan, files=[photo_no_other_test_sends()])
    report = Report.objects.get()
    assert report.code in client.get("/lapor/tanda-terima/").content.decode()
    item = EvidenceItem.objects.get()
    assert not ImageFingerprint.objects.filter(item=item).exists() and not preview_path(item.sha256).exists()
    job = Job.objects.get(kind="evidence.images")
    assert job.status == Status.QUEUED and job.params == {"items": [item.pk]}


def test_it_fingerprints_and_previews_the_photo_once_the_job_ran(client, kecamatan, run_queued_jobs):
    _send(client, kecamatan, files=[upload()])
    assert run_queued_jobs("evidence.images") == 1
    item = EvidenceItem.objects.get()
    assert ImageFingerprint.objects.filter(item=item).exists() and preview_path(item.sha256).exists()
    assert Job.objects.get(kind="evidence.images").result == {"fingerprinted": 1, "previews": 1}


def test_it_seals_the_photo_in_the_chain_when_the_report_is_sent(client, kecamatan):
    _send(client, kecamatan, files=[upload()])
    item = EvidenceItem.objects.get()
    entry = ChainEntry.objects.get(item=item)
    assert entry.payload["sha256"] == item.sha256 == hashlib.sha256(upload().read()).hexdigest()


def test_it_queues_no_image_work_for_a_pdf(client, kecamatan):
    from tests.evidence.files import normal_pdf

    _send(client, kecamatan, files=[upload("surat.pdf", normal_pdf(), "application/pdf")])
    assert EvidenceItem.objects.count() == 1 and not Job.objects.filter(kind="evidence.images").exists()


def test_it_files_a_report_with_a_photo_in_a_bounded_number_of_queries(
    client, kecamatan, django_assert_max_num_queries
):
    client.get("/lapor/")
    with django_assert_max_num_queries(48):
        assert _send(client, kecamatan, files=[upload()]).status_code == 302


def test_it_keeps_the_file_name_and_address_only_encrypted(client, kecamatan):
    """The name on the citizen's phone may hold their NIK: not in the evidence row other pages show."""
    data = {**form_data(kecamatan), "evidence": [upload("KTP_Siti_6213010101010001.jpg")]}
    client.post("/lapor/", data, REMOTE_ADDR="127.0.0.70")
    item = EvidenceItem.objects.get()
    attachment = Report.objects.get().attachments.get()
    assert "6213" not in item.original_name + item.captured_from
    assert "127.0.0.70" not in item.captured_from and "KTP" not in attachment.origin_token
    origin = crypto.decrypt_json(attachment.origin_token)
    assert origin == {"name": "KTP_Siti_6213010101010001.jpg", "ip": "127.0.0.70"}


def test_it_encrypts_the_reporters_identity(client, kecamatan):
    _send(client, kecamatan, nik="6213010101010001")
    report = Report.objects.get()
    assert "Siti" not in report.identity_token and "6213010101010001" not in report.identity_token
    assert crypto.decrypt_json(report.identity_token)["nik"] == "6213010101010001"


def test_it_refuses_a_jpg_that_is_not_an_image_and_keeps_what_was_typed(client, kecamatan):
    fake = upload("foto.jpg", b"MZ\x90\x00 this is a windows program, not a photo" * 20)
    response = _send(client, kecamatan, files=[fake])
    assert response.status_code == 400
    body = response.content.decode()
    assert "foto.jpg" in body
    assert "Akun Provokator" in body and "ujaran kebencian" in body
    assert Report.objects.count() == 0


def test_it_asks_to_choose_again_only_the_files_it_refused(client, kecamatan):
    fake = upload("foto.jpg", b"MZ\x90\x00 not a photo" * 20)
    response = _send(client, kecamatan, files=[upload("bukti.jpg"), fake])
    assert response.status_code == 400
    body = response.content.decode()
    assert "Berkas yang ditolak tidak disimpan" in body
    assert "<li>bukti.jpg</li>" in body and "<li>foto.jpg</li>" not in body


def test_it_refuses_a_broken_image_with_a_real_jpeg_header(client, kecamatan):
    broken = upload("rusak.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200)
    response = _send(client, kecamatan, files=[broken])
    assert response.status_code == 400
    assert Report.objects.count() == 0


def test_it_refuses_a_file_over_the_size_limit(client, kecamatan, settings):
    settings.PANTAU_REPORT_MAX_FILE_BYTES = 1024
    response = _send(client, kecamatan, files=[upload("besar.pdf", b"%PDF-1.4\n" + b"0" * 5000, "application/pdf")])
    assert response.status_code == 400
    assert "besar.pdf" in response.content.decode()


def test_it_accepts_a_pdf_by_its_content(client, kecamatan):
    from tests.evidence.files import normal_pdf

    response = _send(client, kecamatan, files=[upload("surat.bin", normal_pdf(), "application/octet-stream")])
    assert response.status_code == 302
    assert EvidenceItem.objects.get().mime_type == "application/pdf"


def test_it_accepts_an_anonymous_report_without_contact(client, kecamatan):
    response = _send(client, kecamatan, anonymous="on", name="", phone="", email="", address="")
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.anonymous and report.identity_token == ""


def test_it_needs_a_contact_for_a_formal_report(client, kecamatan):
    response = _send(client, kecamatan, phone="", email="")
    assert response.status_code == 400
    assert Report.objects.count() == 0


def test_it_needs_consent_to_the_privacy_notice(client, kecamatan):
    assert _send(client, kecamatan, consent="").status_code == 400


def test_it_refuses_what_fills_the_honeypot(client, kecamatan):
    response = _send(client, kecamatan, website="http://spam.example")
    assert response.status_code == 400
    assert Report.objects.count() == 0


def test_it_bounds_the_description(client, kecamatan):
    assert _send(client, kecamatan, description="x" * 6000).status_code == 400


def test_it_makes_a_pdf_receipt(client, kecamatan):
    _send(client, kecamatan)
    code = Report.objects.get().code
    response = client.get(f"/lapor/tanda-terima/pdf/?kode={code}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_it_gives_no_receipt_to_another_browser(client, kecamatan, make_report):
    report = make_report()
    assert client.get(f"/lapor/tanda-terima/?kode={report.code}").status_code == 404
    assert client.get(f"/lapor/tanda-terima/pdf/?kode={report.code}").status_code == 404


def test_it_shows_the_status_by_code_in_any_spelling(client, make_report):
    report = make_report()
    typed = report.code.lower().replace("-", "")
    response = client.get(f"/lapor/status/?kode={typed}")
    assert response.status_code == 200
    assert report.code in response.content.decode()


def test_it_shows_no_identity_on_the_status_page(client, make_report):
    report = make_report()
    body = client.get(f"/lapor/status/?kode={report.code}").content.decode()
    assert "Siti" not in body and "081234567890" not in body


def test_it_answers_404_for_an_unknown_code(client, db):
    assert client.get("/lapor/status/?kode=BTM-2222-3333").status_code == 404


def test_it_rate_limits_status_lookups(client, db, settings):
    settings.PANTAU_REPORT_LOOKUP_LIMIT = 3
    for _ in range(3):
        client.get("/lapor/status/?kode=BTM-2222-3333")
    assert client.get("/lapor/status/?kode=BTM-2222-3333").status_code == 429


def test_it_lets_the_reporter_complete_an_incomplete_report(client, make_report):
    report = make_report(kecamatan=None)
    page = client.get(f"/lapor/status/?kode={report.code}").content.decode()
    assert 'name="more_description"' in page
    response = client.post(
        "/lapor/status/lengkapi/",
        {
            "kode": report.code,
            "kecamatan": str(_kecamatan_pk()),
            "evidence": [upload()],
            "more_description": "Tambahan.",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.kecamatan_id and report.attachments.count() == 1 and "Tambahan." in report.description


def _kecamatan_pk():
    from pantau.regions.models import Region

    return Region.objects.get(code="62.13.01").pk


def test_it_does_not_let_a_late_report_be_completed(client, make_report):
    from datetime import timedelta

    from django.utils import timezone

    report = make_report(known_on=timezone.localdate() - timedelta(days=10), occurred_on=None)
    response = client.post("/lapor/status/lengkapi/", {"kode": report.code, "more_description": "x"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.description.endswith("desa kami.")


def test_it_shows_the_privacy_notice(client, db):
    response = client.get("/lapor/privasi/")
    assert response.status_code == 200 and "27/2022" in response.content.decode()


def test_behind_a_trusted_proxy_it_limits_each_citizen_not_the_proxy(client, db, settings):
    settings.PANTAU_REPORT_LOOKUP_LIMIT = 2
    settings.PANTAU_TRUSTED_PROXIES = ["10.0.0.5"]
    via_proxy = {"REMOTE_ADDR": "10.0.0.5"}
    for _ in range(2):
        client.get("/lapor/status/?kode=BTM-2222-3333", HTTP_X_FORWARDED_FOR="203.0.113.7", **via_proxy)
    limited = client.get("/lapor/status/?kode=BTM-2222-3333", HTTP_X_FORWARDED_FOR="203.0.113.7", **via_proxy)
    other = client.get("/lapor/status/?kode=BTM-2222-3333", HTTP_X_FORWARDED_FOR="203.0.113.8", **via_proxy)
    assert (limited.status_code, other.status_code) == (429, 404)


def test_it_ignores_a_forwarded_address_written_by_the_caller(client, db, settings):
    settings.PANTAU_REPORT_LOOKUP_LIMIT = 2
    settings.PANTAU_TRUSTED_PROXIES = ["10.0.0.5"]
    for n in range(2):
        client.get("/lapor/status/?kode=BTM-2222-3333", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    dodged = client.get("/lapor/status/?kode=BTM-2222-3333", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert dodged.status_code == 429
