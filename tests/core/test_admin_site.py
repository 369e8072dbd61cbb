"""Django's admin offers office IT only what the admin role may do: users, agencies, regions, settings."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

ALLOWED = {
    "people.user",
    "people.agency",
    "people.rolegrant",
    "regions.region",
    "detection.slangentry",
    "jobs.routinerun",
    # Staff logins that failed and the locks they caused: office IT unlocks people (django-axes).
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
}


def test_it_registers_nothing_the_role_matrix_forbids():
    assert {m._meta.label_lower for m in admin.site._registry} == ALLOWED


def test_it_shows_no_citizens_file_name_or_address_anywhere_in_the_admin(client_for, users, make_report):
    from tests.reports.conftest import upload

    make_report(files=[upload("KTP_Siti_6213010101010001.jpg")])
    client = client_for(users["admin"])
    for url in [reverse("admin:index"), *(reverse(f"admin:{label.replace('.', '_')}_changelist") for label in ALLOWED)]:
        body = client.get(url).content.decode()
        assert "KTP_Siti" not in body and "public report" not in body and "6213010101010001" not in body
    assert client.get("/admin/evidence/evidenceitem/").status_code == 404
