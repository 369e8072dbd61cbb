"""Intake as the regulation sorts it: reports and initial information, what the reporter is told,
the receipt (page, PDF, e-mail) and the office's inquiry of initial information."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from pantau.reports import statuses
from pantau.reports.models import Report

from .conftest import form_data, upload

pytestmark = pytest.mark.django_db

ELEVEN_DAYS = 11


def _days_ago(n):
    return (timezone.localdate() - timedelta(days=n)).isoformat()


def _file(client, kecamatan, days_ago=1, **extra):
    """File through the public form; the event happened and became known `days_ago` days ago."""
    data = form_data(kecamatan, occurred_on=_days_ago(days_ago), known_on=_days_ago(days_ago), **extra)
    response = client.post("/lapor/", {**data, "evidence": [upload()]})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Report.objects.get()


def _pdf_text(client, report) -> str:
    response = client.get(f"/lapor/tanda-terima/pdf/?kode={report.code}")
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


# --- sorting


def test_it_keeps_a_report_sent_eleven_days_after_the_event_as_initial_information(client, kecamatan):
    report = _file(client, kecamatan, days_ago=ELEVEN_DAYS)
    assert report.kind == Report.Kind.INFORMATION and report.kind_reasons == ["deadline"]
    assert report.status == Report.Status.INFORMATION
    assert list(report.updates.values_list("status", flat=True)) == [Report.Status.INFORMATION]


def test_it_registers_nothing_but_keeps_a_report_sent_in_time_as_a_report(client, kecamatan):
    report = _file(client, kecamatan, days_ago=7)
    assert report.kind == Report.Kind.REPORT and report.kind_reasons == []
    assert report.status == Report.Status.RECEIVED


def test_it_keeps_an_anonymous_report_as_initial_information(make_report):
    report = make_report(anonymous=True)
    assert report.is_information and report.kind_reasons == ["identity"]


def test_it_needs_the_reporters_address_for_a_report(client, kecamatan):
    response = client.post("/lapor/", form_data(kecamatan, address=""))
    assert response.status_code == 400
    assert "Isi alamat Anda, atau pilih melapor tanpa identitas." in response.content.decode()


def test_it_does_not_count_the_days_a_report_waits_at_the_office_against_it(make_report):
    from pantau.reports import services

    report = make_report(known_on=timezone.localdate() - timedelta(days=2))
    checks = {c.key: c for c in services.checks_for(report, today=timezone.localdate() + timedelta(days=30))}
    assert checks["deadline"].ok


def test_it_makes_a_report_initial_information_when_the_date_added_later_shows_it_was_late(
    client, make_report, mailoutbox, django_capture_on_commit_callbacks
):
    report = make_report(known_on=None, occurred_on=None)
    assert report.kind == Report.Kind.REPORT
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/lapor/status/lengkapi/", {"kode": report.code, "known_on": _days_ago(9)})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.is_information and report.status == Report.Status.INFORMATION
    assert [m.subject for m in mailoutbox] == [f"Laporan Anda {report.code}: Diterima sebagai informasi awal"]


# --- what the reporter is told


def test_it_tells_the_reporter_on_the_receipt_that_it_is_initial_information_and_why(client, kecamatan):
    _file(client, kecamatan, days_ago=ELEVEN_DAYS)
    body = client.get("/lapor/tanda-terima/").content.decode()
    assert "Kiriman Anda diterima sebagai informasi awal, bukan sebagai laporan yang diregistrasi" in body
    assert "Dikirim 11 hari setelah kejadian diketahui, melewati batas 7 hari" in body
    assert "UU 10/2016 Pasal 134 ayat (4)" in body


def test_it_tells_the_reporter_of_a_late_report_that_nothing_can_be_added(client, kecamatan):
    report = _file(client, kecamatan, days_ago=ELEVEN_DAYS, reported_name="")
    body = client.get(f"/lapor/status/?kode={report.code}").content.decode()
    assert "Dikirim 11 hari setelah kejadian diketahui" in body
    assert "Tidak ada tambahan yang dapat mengubah hal ini" in body
    assert "Yang masih kurang" not in body and 'name="more_description"' not in body


def test_it_lists_what_an_incomplete_report_lacks_while_it_can_still_be_added(client, make_report):
    report = make_report(kecamatan=None)
    body = client.get(f"/lapor/status/?kode={report.code}").content.decode()
    assert "Yang masih kurang" in body and "kecamatan" in body
    assert "Lengkapi yang masih kurang di bawah ini paling lambat" in body


def test_it_says_when_the_time_to_complete_a_report_sent_in_time_has_passed(client, make_report):
    report = make_report(kecamatan=None)
    Report.objects.filter(pk=report.pk).update(known_on=timezone.localdate() - timedelta(days=8))
    Report.objects.filter(pk=report.pk).update(created_at=timezone.now() - timedelta(days=6))
    body = client.get(f"/lapor/status/?kode={report.code}").content.decode()
    assert "Waktu untuk melengkapinya telah lewat" in body
    assert "Yang masih kurang" not in body


def test_it_tells_an_anonymous_reporter_how_to_send_it_as_a_report_in_time(client, make_report):
    report = make_report(anonymous=True)
    body = client.get(f"/lapor/status/?kode={report.code}").content.decode()
    assert "kirim lagi dengan nama, alamat, dan kontak Anda paling lambat" in body


def test_it_has_an_indonesian_sentence_for_every_status_a_reporter_can_see():
    assert set(statuses.SENTENCES) == set(Report.Status.values)
    with translation.override("id"):
        for status in Report.Status.values:
            with translation.override("en"):
                english = statuses.sentence(status)
            assert statuses.sentence(status) != english, status


# --- receipt e-mail


def test_it_mails_the_receipt_at_submission(
    settings, client, kecamatan, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = _file(client, kecamatan, days_ago=ELEVEN_DAYS)
    (message,) = mailoutbox
    assert message.to == ["siti@example.org"]
    assert message.subject == f"Tanda terima laporan Anda {report.code}"
    assert "diterima sebagai informasi awal" in message.body and "melewati batas 7 hari" in message.body
    assert "Akun Provokator" in message.body
    assert f"{settings.SITE_URL}/lapor/status/?kode={report.code}" in message.body
    assert "Siti" not in message.body and "081234567890" not in message.body


def test_it_links_the_receipt_mail_to_the_offices_address(
    settings, client, kecamatan, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://pantau.bartim.example/"
    with django_capture_on_commit_callbacks(execute=True):
        report = _file(client, kecamatan)
    assert f"https://pantau.bartim.example/lapor/status/?kode={report.code}" in mailoutbox[0].body


def test_it_sends_the_receipt_through_a_real_mail_server(
    smtp_server, client, kecamatan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = _file(client, kecamatan)
    (message,) = smtp_server
    assert message["X-Envelope-To"] == "siti@example.org" and report.code in str(message["Subject"])


def test_it_mails_no_receipt_without_an_address(client, kecamatan, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _file(client, kecamatan, email="")
    assert mailoutbox == []


def test_it_keeps_the_report_when_the_mail_server_is_down(
    settings, client, kecamatan, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        report = _file(client, kecamatan)
    assert Report.objects.filter(pk=report.pk).exists()


def test_it_tells_the_reporter_of_a_status_change_in_a_sentence(
    make_report, mailoutbox, django_capture_on_commit_callbacks
):
    from pantau.reports import services

    report = make_report()
    with django_capture_on_commit_callbacks(execute=True):
        services.set_status(report, Report.Status.REGISTERED)
    assert "Laporan Anda telah diregistrasi dan ditangani sebagai perkara" in mailoutbox[-1].body


# --- receipt PDF


def test_it_puts_what_was_reported_on_the_pdf_receipt_and_not_who_reported_it(client, kecamatan):
    report = _file(client, kecamatan, days_ago=ELEVEN_DAYS)
    text = _pdf_text(client, report)
    assert report.code in text
    assert "Akun Provokator" in text and "facebook.com/provokator.btm" in text
    assert "ujaran kebencian" in text and "Dusun Timur" in text and "Grup Facebook Info Tamiang" in text
    assert "Informasi awal" in text and "melewati batas 7 hari" in text
    for private in ("Siti", "Rahma", "081234567890", "siti@example.org", "Ahmad Yani", "bukti.jpg"):
        assert private not in text, private


# --- the office's inquiry of initial information


@pytest.fixture
def information(make_report):
    return make_report(known_on=timezone.localdate() - timedelta(days=ELEVEN_DAYS), occurred_on=None)


def test_it_offers_staff_an_inquiry_instead_of_a_case_for_initial_information(client_for, analyst, information):
    body = client_for(analyst).get(f"/lapor/staf/{information.pk}/").content.decode()
    assert "Mulai penelusuran" in body and "Buka kasus dari laporan ini" not in body


def test_it_opens_no_report_case_from_initial_information(client_for, analyst, information):
    response = client_for(analyst).post(f"/kasus/dari-laporan/{information.pk}/")
    assert response.status_code == 302 and not information.cases.exists()


def test_it_takes_initial_information_through_an_inquiry_to_a_finding(
    client_for, analyst, information, mailoutbox, django_capture_on_commit_callbacks
):
    from pantau.cases.models import Case

    client = client_for(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/lapor/staf/{information.pk}/penelusuran/", {"public_note": ""})
    information.refresh_from_db()
    assert information.status == Report.Status.INQUIRY
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/lapor/staf/{information.pk}/penelusuran/hasil/",
            {"outcome": "finding", "result": "Unggahan masih tayang di tiga grup.", "public_note": ""},
        )
    case = Case.objects.get()
    assert response["Location"] == f"/kasus/{case.pk}/"
    assert case.origin == Case.Origin.FINDING and case.report == information
    assert "Unggahan masih tayang di tiga grup." in case.summary
    information.refresh_from_db()
    assert information.status == Report.Status.FINDING
    assert "sedang menelusuri" in mailoutbox[0].body and "menjadikan informasi ini temuannya" in mailoutbox[1].body


def test_it_tells_the_reporter_of_a_finding_its_decision_not_its_registration(analyst, coordinator, information):
    from pantau.cases import domain
    from pantau.cases import services as cases
    from pantau.reports import inquiry

    inquiry.start_inquiry(information, analyst)
    case = inquiry.conclude_inquiry(information, analyst, outcome=inquiry.FINDING, result="Ada.")
    for step in (domain.INITIAL_REVIEW, domain.REGISTERED, domain.ASSESSMENT):
        cases.move(case, step, analyst)
    information.refresh_from_db()
    assert information.status == Report.Status.FINDING
    cases.move(case, domain.VIOLATION, coordinator)
    information.refresh_from_db()
    assert information.status == Report.Status.VIOLATION


def test_it_closes_an_inquiry_that_found_nothing(client_for, analyst, information):
    client = client_for(analyst)
    client.post(f"/lapor/staf/{information.pk}/penelusuran/", {})
    client.post(
        f"/lapor/staf/{information.pk}/penelusuran/hasil/",
        {"outcome": "no_finding", "result": "Unggahan sudah dihapus.", "public_note": "Tidak ditemukan lagi."},
    )
    information.refresh_from_db()
    assert information.status == Report.Status.CLOSED and information.closed_at is not None
    assert not information.cases.exists()


def test_it_refuses_an_inquiry_of_a_report(client_for, analyst, make_report):
    report = make_report()
    client = client_for(analyst)
    response = client.post(f"/lapor/staf/{report.pk}/penelusuran/", {}, follow=True)
    assert "Penelusuran hanya dapat dimulai untuk informasi awal" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.RECEIVED


def test_it_asks_for_the_result_of_the_inquiry(client_for, analyst, information):
    client = client_for(analyst)
    client.post(f"/lapor/staf/{information.pk}/penelusuran/", {})
    response = client.post(f"/lapor/staf/{information.pk}/penelusuran/hasil/", {"outcome": "finding"}, follow=True)
    assert "Pilih hasil penelusuran dan tuliskan apa yang ditemukan." in response.content.decode()
    information.refresh_from_db()
    assert information.status == Report.Status.INQUIRY


@pytest.mark.parametrize("role", ["pokja", "other_pokja", "admin"])
def test_it_lets_only_report_handlers_start_an_inquiry(client_for, users, information, role):
    assert client_for(users[role]).post(f"/lapor/staf/{information.pk}/penelusuran/", {}).status_code == 403
    information.refresh_from_db()
    assert information.status == Report.Status.INFORMATION
