"""The cases and reports exports (registered in pantau.dashboards)."""

import io

import pytest
from django.core.management import call_command

from pantau.cases import services
from tests.cases.conftest import make_overdue

pytestmark = pytest.mark.django_db


class TestExports:
    def test_it_exports_cases_with_status_deadlines_and_violations(self, case, analyst, tmp_path):
        from openpyxl import load_workbook

        make_overdue(case, analyst)
        out = tmp_path / "kasus.xlsx"
        call_command("export", "cases", "--format", "xlsx", "--out", str(out), stdout=io.StringIO())
        book = load_workbook(out, read_only=True)
        [header, row] = list(book["Kasus"].values)
        assert (row[0], row[1], row[5]) == (case.register_number, case.number, "Diregistrasi")
        assert row[6] == "sara" and "Pasal 69" in row[7]
        study = [row for row in book["Tenggat"].values if row[1].startswith("Kajian dan putusan")]
        assert study[0][0] == case.register_number and "Pasal 134" in study[0][2] and study[0][-1] == "overdue"

    def test_it_exports_to_a_pokja_member_only_their_agencys_cases(self, case, analyst, pokja_member, tmp_path):
        from pantau.dashboards.exports import run_export

        services.assign(case, analyst, agencies=[pokja_member.agency])
        services.open_case(user=analyst, title="Temuan lain")
        assert run_export("cases", "csv", tmp_path / "k.csv", user=pokja_member) == 1
        text = (tmp_path / "k.csv").read_text(encoding="utf-8-sig")
        assert case.number in text and "Pelapor #" in text and case.report.code not in text

    def test_it_exports_reports_without_the_reporters_identity(self, case, tmp_path):
        out = tmp_path / "laporan.csv"
        call_command("export", "reports", "--format", "csv", "--out", str(out), stdout=io.StringIO())
        text = out.read_text(encoding="utf-8-sig")
        assert case.report.code in text and "Pelapor #" in text and "Dusun Timur" in text
        for secret in ("Siti", "081234567890", "siti@example.org", "Ahmad Yani", "Desa Magantis"):
            assert secret not in text

    def test_it_refuses_the_reports_export_to_a_pokja_member(self, case, pokja_member, tmp_path):
        from pantau.dashboards.exports import ExportError, run_export

        with pytest.raises(ExportError):
            run_export("reports", "csv", tmp_path / "r.csv", user=pokja_member)
