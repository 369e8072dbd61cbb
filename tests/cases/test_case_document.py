"""The case summary document (registered in pantau.documents)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from pantau.cases import services
from pantau.documents.registry import DocumentError
from pantau.documents.services import generate
from tests.cases.conftest import make_overdue
from tests.documents.test_documents import docx_text, pdf_text

pytestmark = pytest.mark.django_db


class TestDocument:
    def test_it_makes_the_case_summary_with_number_violation_and_basis(self, case, analyst):
        make_overdue(case, analyst)
        _name, data = generate("case", "pdf", {"case": case.pk})
        text = pdf_text(data)
        assert case.number in text and "UU 10/2016 Pasal 69 huruf b" in text
        assert "Akun Provokator" in text and "terlambat" in text and "Siti" not in text

    def test_it_writes_the_case_summary_as_docx_from_the_command(self, case, tmp_path):
        out = tmp_path / "kasus.docx"
        call_command(
            "document", "case", "--format", "docx", "--case", str(case.pk), "--out", str(out), stdout=io.StringIO()
        )
        text = docx_text(out.read_bytes())
        assert case.number in text and "Diteruskan ke Gakkumdu." in text

    def test_it_says_when_a_case_does_not_exist(self, tmp_path, db):
        with pytest.raises(CommandError, match="no case 999"):
            call_command("document", "case", "--case", "999", "--out", str(tmp_path / "x.pdf"))

    def test_it_gives_a_pokja_member_only_their_agencys_case(self, case, analyst, pokja_member, other_pokja_member):
        services.assign(case, analyst, agencies=[pokja_member.agency])
        text = pdf_text(generate("case", "pdf", {"case": case.pk}, user=pokja_member)[1])
        assert case.number in text and case.report.code not in text
        with pytest.raises(DocumentError, match="no case"):
            generate("case", "pdf", {"case": case.pk}, user=other_pokja_member)

    def test_it_refuses_the_case_summary_to_the_admin(self, case, admin_user):
        with pytest.raises(DocumentError):
            generate("case", "pdf", {"case": case.pk}, user=admin_user)

    def test_it_generates_the_case_summary_from_the_page(self, client_for, analyst, case):
        from pantau.jobs.models import Job
        from pantau.jobs.runner import run_job

        client = client_for(analyst)
        assert f"kind=case&amp;case={case.pk}" in client.get(f"/kasus/{case.pk}/").content.decode()
        client.post(reverse("documents:new"), {"kind": "case", "format": "docx", "case": case.pk})
        job = run_job(Job.objects.get().pk)
        assert job.status == "done", job.message
        download = client.get(job.result["download"])
        assert case.number in docx_text(b"".join(download.streaming_content))

    def test_it_takes_the_register_number_on_the_command_line(self, case, analyst, tmp_path):
        make_overdue(case, analyst)
        out = tmp_path / "kasus.docx"
        call_command(
            "document", "case", "--format", "docx", "--case", case.register_number, "--out", str(out),
            stdout=io.StringIO(),
        )  # fmt: skip
        text = docx_text(out.read_bytes())
        assert "Nomor register" in text and case.register_number in text and case.number in text

    def test_it_offers_the_cases_by_register_number_not_by_id(self, client_for, analyst, case):
        make_overdue(case, analyst)
        body = client_for(analyst).get(reverse("documents:new")).content.decode()
        assert f"{case.register_number} — " in body and "Kasus (id)" not in body
