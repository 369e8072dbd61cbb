"""The same screenshot seen again is shown where it is seen, only through each object's access rules."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pantau.cases import services as cases
from pantau.intake.services import capture_post

from . import files
from .test_fingerprints import altered

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_with_screenshot(make_report, run_queued_jobs):
    report = make_report(files=[SimpleUploadedFile("bukti.png", files.screenshot_png(8))])
    run_queued_jobs()  # the fingerprint is the worker's, after the citizen has their receipt
    return report


@pytest.fixture
def captured_copy(analyst):
    copy = SimpleUploadedFile("terusan.jpg", altered(files.screenshot(8)))
    return capture_post(user=analyst, url="https://www.facebook.com/x/posts/9", platform="facebook", files=[copy])


def test_it_shows_on_the_post_that_its_screenshot_is_in_a_report(
    users, client_for, report_with_screenshot, captured_copy
):
    page = client_for(users["analyst"]).get(reverse("intake:detail", args=[captured_copy.pk])).content.decode()
    assert "Mirip dengan gambar pada" in page and report_with_screenshot.code in page and "jarak " in page


def test_it_shows_on_the_report_the_post_with_the_same_screenshot(
    users, client_for, report_with_screenshot, captured_copy
):
    url = reverse("reports:staff_detail", args=[report_with_screenshot.pk])
    page = client_for(users["coordinator"]).get(url).content.decode()
    assert reverse("intake:detail", args=[captured_copy.pk]) in page and "jarak " in page


def test_it_shows_a_reports_match_to_handlers_only(
    users, client_for, make_report, report_with_screenshot, run_queued_jobs
):
    other = make_report(files=[SimpleUploadedFile("salinan.jpg", altered(files.screenshot(8)))])
    run_queued_jobs()
    response = client_for(users["admin"]).get(reverse("reports:staff_detail", args=[other.pk]))
    assert response.status_code == 403
    assert "Mirip dengan" not in response.content.decode()
    analyst_page = client_for(users["analyst"]).get(reverse("reports:staff_detail", args=[other.pk])).content.decode()
    assert "Mirip dengan" in analyst_page


def test_it_does_not_lead_a_pokja_member_from_a_shared_case_to_a_report(
    users, client_for, analyst, report_with_screenshot
):
    case = cases.open_case(user=analyst, title="Temuan grup desa")
    cases.assign(case, analyst, agencies=[users["pokja"].agency])
    cases.attach(case, analyst, SimpleUploadedFile("salinan.jpg", altered(files.screenshot(8))))
    page = client_for(users["pokja"]).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert report_with_screenshot.code not in page and "Mirip dengan" not in page
    handler_page = client_for(users["coordinator"]).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert report_with_screenshot.code in handler_page and "Mirip dengan" in handler_page
