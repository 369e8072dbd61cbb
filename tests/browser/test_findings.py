"""End to end (issue 15): a finding from a coordination cluster, a second citizen's report joined to it,
the coordinator forwarding it to Sentra Gakkumdu, and a Polres pokja member told of it."""

import io

import pytest
from django.core.cache import cache

from tests.reports.conftest import jpeg_bytes, make_kecamatan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POST_URL = "https://www.facebook.com/op1/posts/900001"


@pytest.fixture
def kecamatan(transactional_db):
    return make_kecamatan()


@pytest.fixture
def cluster(transactional_db, analyst):
    """Three accounts posting the same SARA text: one cluster; one of its posts has a public link."""
    from pantau.coordination.services import run_coordination
    from pantau.detection.models import Classification
    from pantau.lib.urls import normalize_url
    from tests.coordination.factories import campaign

    posts = campaign()
    first = posts[0]
    first.url, first.url_key = POST_URL, normalize_url(POST_URL)
    first.save()
    for post in posts:
        Classification.objects.create(post=post, flagged=["sara"], severity=3, model_version="test")
    return run_coordination(user=analyst, full=True).clusters.get()


def _citizen_report(browser, live_server, link):
    """A second citizen files a report about the post through the public form (no JavaScript)."""
    cache.clear()
    context = browser.new_context(base_url=live_server.url, locale="id-ID", java_script_enabled=False)
    citizen = context.new_page()
    citizen.goto("/lapor/")
    citizen.get_by_label("Nama Anda").fill("Rudi Hartono")
    citizen.get_by_label("Alamat Anda").fill("Jl. Tjilik Riwut 8")
    citizen.get_by_label("Nomor telepon atau WhatsApp").fill("081399990000")
    citizen.get_by_label("Siapa yang dilaporkan (nama atau nama akun)").fill("Op1")
    citizen.get_by_label("Tautan ke akun atau unggahan (satu per baris)").fill(link)
    citizen.get_by_label("Apa yang terjadi").fill("Unggahan ini menghasut warga membenci suku tetangga kampung.")
    citizen.get_by_label("Kecamatan").select_option(label="Dusun Timur")
    citizen.get_by_label("Bukti: foto").set_input_files(
        files=[{"name": "tangkapan.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}]
    )
    citizen.get_by_label("Saya telah membaca pemberitahuan privasi").check()
    citizen.get_by_role("button", name="Kirim laporan").click()
    citizen.wait_for_load_state()
    code = citizen.locator("#receipt-code").inner_text().strip()
    return context, citizen, code


def _step(page, label):
    page.get_by_label("Langkah berikutnya").select_option(label=label)
    page.get_by_role("button", name="Ubah status").click()
    page.wait_for_load_state()
    assert page.locator("#case-status").inner_text() == label


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_it_takes_a_finding_from_a_cluster_to_sentra_gakkumdu(
    browser, live_server, page, login_as, analyst, coordinator, other_pokja_member, kecamatan, cluster
):
    from pantau.cases.models import Case
    from pantau.reports.models import Report

    # An analyst opens a finding from the cluster; the violation comes proposed from the posts' labels.
    login_as(analyst)
    page.goto(f"/koordinasi/{cluster.pk}/")
    page.get_by_role("link", name="Buat temuan dari ini").click()
    assert page.get_by_role("heading", name="Pokok temuan").is_visible()
    assert page.get_by_label("Kebencian atau penghinaan atas suku", exact=False).is_checked()
    page.get_by_role("button", name="Buka kasus").click()
    page.wait_for_load_state()
    case = Case.objects.get()
    assert page.get_by_role("heading", name=f"{case.number}: {case.title}").is_visible()
    sources = page.locator("#case-sources").inner_text()
    assert f"#{cluster.number}" in sources and "Op1" in sources and case.posts.count() == 6
    _step(page, "Kajian awal")
    _step(page, "Diregistrasi")
    assert page.get_by_text("Kajian dan putusan atas laporan/temuan yang diregistrasi").first.is_visible()
    assert page.get_by_text("UU 10/2016 Pasal 134 ayat (5)-(6)").first.is_visible()

    # A second citizen reports one of the same posts, copied from the mobile site.
    context, citizen, code = _citizen_report(browser, live_server, "https://m.facebook.com/op1/posts/900001?mibextid=q")
    report = Report.objects.get(code=code)
    page.goto(f"/lapor/staf/{report.pk}/")
    proposals = page.locator("#proposed-cases")
    case.refresh_from_db()  # registered above: pages name it by its register number now
    assert case.reference in proposals.inner_text()
    proposals.get_by_role("button", name="Gabungkan ke kasus ini").click()
    page.wait_for_load_state()
    assert page.get_by_text(f"Laporan digabungkan ke kasus {case.reference}.").is_visible()
    assert str(report.pseudonym) in page.locator("#case-reports").inner_text()
    citizen.goto(f"/lapor/status/?kode={code}")
    assert citizen.get_by_text(f"ditangani bersama kasus {case.reference}").is_visible()
    context.close()
    _step(page, "Kajian")

    # The coordinator decides and forwards it to Sentra Gakkumdu.
    page.context.clear_cookies()  # log the analyst out
    login_as(coordinator)
    page.goto(f"/kasus/{case.pk}/")
    _step(page, "Diputuskan: pelanggaran")
    page.get_by_role("link", name="Teruskan kasus").click()
    page.get_by_label("Sentra Gakkumdu (tindak pidana pemilihan)").check()
    page.get_by_role("button", name="Teruskan dan kirim surat").click()
    page.wait_for_load_state()
    assert page.locator("#case-status").inner_text() == "Diteruskan ke Sentra Gakkumdu"
    forwarding = case.forwardings.get()
    assert page.get_by_text(f"Diteruskan dengan surat {forwarding.number}.").is_visible()
    assert page.get_by_text("Penyidikan oleh Kepolisian (Sentra Gakkumdu)").first.is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Surat penerusan (PDF)").click()
    letter = _pdf_text(open(download.value.path(), "rb").read())
    assert case.reference in letter and forwarding.number in letter
    for private in ("Rudi", "Hartono", "081399990000", "Tjilik", code):
        assert private not in letter

    # A Polres pokja member finds it among their notifications and opens the case.
    page.context.clear_cookies()
    login_as(other_pokja_member)
    page.goto("/dasbor/notifikasi/")
    note = page.get_by_text(f"Kasus {case.reference} diteruskan ke Sentra Gakkumdu")
    assert note.first.is_visible()
    page.goto(f"/kasus/{case.pk}/")
    assert page.get_by_role("heading", name=f"{case.reference}: {case.title}").is_visible()
    assert "Rudi" not in page.content()
    assert [e for e in page.csp_errors if "Content Security Policy" in e] == []
