"""End to end: a citizen without JavaScript files a report; an analyst handles it as a case."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.reports.conftest import jpeg_bytes, make_kecamatan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kecamatan(transactional_db):
    return make_kecamatan()


@pytest.fixture
def citizen(browser, live_server, kecamatan):
    cache.clear()
    context = browser.new_context(base_url=live_server.url, locale="id-ID", java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def _fill(page, evidence_name, evidence_bytes, mime="image/jpeg", days_ago=None):
    page.goto("/lapor/")
    if days_ago is not None:
        day = (timezone.localdate() - timedelta(days=days_ago)).isoformat()
        page.get_by_label("Kapan terjadi").fill(day)
        page.get_by_label("Kapan Anda mengetahuinya").fill(day)
    page.get_by_label("Nama Anda").fill("Siti Rahma")
    page.get_by_label("Alamat Anda").fill("Jl. Ahmad Yani 3")
    page.get_by_label("Nomor telepon atau WhatsApp").fill("081234567890")
    page.get_by_label("Siapa yang dilaporkan (nama atau nama akun)").fill("Akun Provokator")
    page.get_by_label("Apa yang terjadi").fill("Akun ini menyebarkan ujaran kebencian terhadap suku tertentu di grup.")
    page.get_by_label("Kecamatan").select_option(label="Dusun Timur")
    page.get_by_label("Bukti: foto").set_input_files(
        files=[{"name": evidence_name, "mimeType": mime, "buffer": evidence_bytes}]
    )
    page.get_by_label("Saya telah membaca pemberitahuan privasi").check()
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_load_state()


def test_it_files_a_report_with_an_image_without_javascript(citizen):
    _fill(citizen, "bukti.jpg", jpeg_bytes())
    assert citizen.get_by_role("heading", name="Laporan Anda telah diterima").is_visible()
    code = citizen.locator("#receipt-code").inner_text().strip()
    assert code.startswith("BTM-")
    citizen.goto(f"/lapor/status/?kode={code.lower()}")
    assert citizen.get_by_role("heading", name=code).is_visible()
    assert citizen.get_by_text("Diterima", exact=True).first.is_visible()


def test_it_tells_a_citizen_who_reports_eleven_days_late_that_it_is_initial_information_and_why(citizen):
    _fill(citizen, "bukti.jpg", jpeg_bytes(), days_ago=11)
    assert citizen.get_by_role("heading", name="Laporan Anda telah diterima").is_visible()
    assert citizen.locator("#receipt-kind").inner_text() == "Informasi awal"
    for where in ("receipt", "status page"):
        view = citizen.locator("#reporter-view").inner_text()
        assert "diterima sebagai informasi awal, bukan sebagai laporan yang diregistrasi" in view, where
        reason = citizen.locator("#information-reasons").inner_text()
        assert "Dikirim 11 hari setelah kejadian diketahui, melewati batas 7 hari" in reason, where
        assert "UU 10/2016 Pasal 134 ayat (4)" in reason, where
        assert "Anda tidak perlu mengirimnya lagi" in citizen.locator("#reporter-advice").inner_text(), where
        if where == "receipt":
            assert "Akun Provokator" in citizen.locator("main").inner_text()
            citizen.get_by_role("link", name=re.compile("kode=")).click()
            citizen.wait_for_load_state()
    assert citizen.get_by_text("Status: Diterima sebagai informasi awal").is_visible()
    assert not citizen.get_by_text("Yang masih kurang").is_visible()


def test_it_refuses_a_jpg_that_is_not_an_image_and_keeps_the_form(citizen):
    _fill(citizen, "foto.jpg", b"MZ this is a program, not a photo" * 10)
    assert citizen.get_by_text("foto.jpg dinamai seperti gambar tetapi isinya bukan").is_visible()
    assert citizen.get_by_text("Berkas yang ditolak tidak disimpan").is_visible()
    assert citizen.get_by_label("Nama Anda").input_value() == "Siti Rahma"
    assert "ujaran kebencian" in citizen.get_by_label("Apa yang terjadi").input_value()


def test_it_takes_a_report_through_a_case_to_a_deadline_warning(page, login_as, analyst, kecamatan):
    from pantau.cases.models import CaseDeadline
    from pantau.reports import services

    report = services.file_report(
        {
            "name": "Siti",
            "address": "Jl. A",
            "phone": "0812",
            "reported_name": "Akun Provokator",
            "description": "Ujaran kebencian di grup desa, dibagikan berkali-kali.",
            "occurred_on": timezone.localdate(),
            "known_on": timezone.localdate(),
            "kecamatan": kecamatan,
        },
        [],
        ip="127.0.0.1",
    )
    login_as(analyst)
    page.get_by_role("link", name="Laporan", exact=True).click()
    page.get_by_role("link", name=report.code).click()
    assert page.get_by_role("heading", name="Syarat formal dan materiel").is_visible()
    page.get_by_role("button", name="Buka kasus dari laporan ini").click()
    for step in ("Kajian awal", "Diregistrasi", "Klarifikasi"):
        page.get_by_label("Langkah berikutnya").select_option(label=step)
        page.get_by_role("button", name="Ubah status").click()
        page.wait_for_load_state()
        assert page.locator("#case-status").inner_text() == step
    timeline = page.locator("#timeline").inner_text()
    assert "Kajian awal → Diregistrasi" in timeline and "Diregistrasi → Klarifikasi" in timeline
    assert page.get_by_text("Kajian dan putusan atas laporan/temuan yang diregistrasi").is_visible()
    CaseDeadline.objects.update(due_at=timezone.now() + timedelta(hours=6))
    page.get_by_role("link", name="Kasus", exact=True).first.click()
    page.get_by_role("link", name="Batas waktu").click()
    assert page.get_by_text("Peringatan: jatuh tempo dalam").is_visible()
    assert page.csp_errors == []
