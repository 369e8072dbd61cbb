"""Every upload path refuses the same dangerous files, names them, and keeps what was typed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pantau.evidence.models import EvidenceItem
from pantau.jobs.models import Job

from . import files

pytestmark = pytest.mark.django_db

DANGEROUS = {
    "bom.png": files.bomb_png,
    "surat.pdf": files.javascript_pdf,
    "layar.png": files.png_with_zip,
    "foto.jpg": files.jpeg_with_html,
}
NORMAL = {"layar.png": files.screenshot_png, "foto.jpg": files.photo_jpeg, "surat.pdf": files.normal_pdf}


def _file(name, make):
    return SimpleUploadedFile(name, make())


def _report(client, name, make):
    from tests.reports.conftest import form_data, make_kecamatan

    data = form_data(make_kecamatan(), description="Teks laporan yang sudah diketik warga dengan susah payah.")
    data["evidence"] = [_file(name, make)]
    return client.post("/lapor/", data)


def _capture(client, name, make):
    data = {"url": "https://www.facebook.com/x/posts/1", "platform": "facebook", "text": "teks yang sudah diketik"}
    data["files"] = [_file(name, make)]
    return client.post(reverse("intake:capture"), data)


@pytest.mark.parametrize("name", DANGEROUS)
def test_it_refuses_the_file_on_the_public_report_form_and_keeps_the_text(client, name):
    response = _report(client, name, DANGEROUS[name])
    page = response.content.decode()
    assert response.status_code == 400 and name in page and "diketik warga" in page
    assert not EvidenceItem.objects.exists()


@pytest.mark.parametrize("name", DANGEROUS)
def test_it_refuses_the_file_on_manual_capture_and_keeps_the_text(users, client_for, name):
    response = _capture(client_for(users["analyst"]), name, DANGEROUS[name])
    page = response.content.decode()
    assert response.status_code == 400 and name in page and "teks yang sudah diketik" in page
    assert not EvidenceItem.objects.exists()


@pytest.mark.parametrize("name", DANGEROUS)
def test_it_refuses_the_file_as_an_import_upload(users, client_for, name):
    response = client_for(users["analyst"]).post(reverse("intake:import"), {"file": _file(name, DANGEROUS[name])})
    assert response.status_code == 400 and name in response.content.decode()
    assert not Job.objects.exists()


@pytest.mark.parametrize("name", DANGEROUS)
def test_it_refuses_the_file_as_a_case_attachment(users, client_for, make_report, name):
    from pantau.cases import services

    case = services.open_from_report(make_report(), users["analyst"])
    before = EvidenceItem.objects.count()
    response = client_for(users["analyst"]).post(
        f"/kasus/{case.pk}/lampiran/", {"file": _file(name, DANGEROUS[name])}, follow=True
    )
    assert name in response.content.decode()
    assert case.attachments.count() == 0 and EvidenceItem.objects.count() == before


def test_it_says_in_indonesian_why_the_bomb_was_refused(client):
    page = _report(client, "bom.png", files.bomb_png).content.decode()
    assert "119,9 megapiksel" in page or "119.9 megapiksel" in page


@pytest.mark.parametrize("name", NORMAL)
def test_it_accepts_normal_files_on_the_public_form(client, name):
    assert _report(client, name, NORMAL[name]).status_code == 302
    assert EvidenceItem.objects.count() == 1


@pytest.mark.parametrize("name", NORMAL)
def test_it_accepts_normal_files_on_manual_capture(users, client_for, name):
    assert _capture(client_for(users["analyst"]), name, NORMAL[name]).status_code == 302
    assert EvidenceItem.objects.count() == 1
