import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from pantau.dashboards.exports import ExportError, run_export


def test_it_writes_an_inventory_workbook_with_several_sheets(tmp_path, flagged_account):
    from openpyxl import load_workbook

    out = tmp_path / "inv.xlsx"
    call_command("export", "inventory", "--format", "xlsx", "--out", str(out), stdout=io.StringIO())
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["Inventaris", "Ringkasan"]
    rows = list(book["Inventaris"].values)
    assert rows[0][0] == "jenis" and rows[1][4] == "Akun Provokator"


def test_it_writes_posts_as_csv_and_defuses_formulas(tmp_path, posts):
    out = tmp_path / "posts.csv"
    assert run_export("posts", "csv", out) == 3
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][0] == "id" and len(rows) == 4
    assert [r[5] for r in rows if r[5].startswith("'=")] == ['\'=HYPERLINK("x")']


def test_it_adds_columns_that_other_apps_provide(tmp_path, posts):
    from pantau.core.seams import seams

    def labels(post_ids):
        return {pk: "hasutan" for pk in post_ids}

    seams.post_export_columns.add(labels, "label")
    try:
        run_export("posts", "csv", tmp_path / "p.csv")
    finally:
        seams.post_export_columns.remove(labels)
    rows = list(csv.reader((tmp_path / "p.csv").open(encoding="utf-8-sig")))
    assert rows[0][-1] == "label" and rows[1][-1] == "hasutan"


def test_it_names_the_known_exports_when_asked_for_an_unknown_one(tmp_path, db):
    with pytest.raises(CommandError, match=r"unknown export 'klaster' \(known: actions, cases, clusters, "):
        call_command("export", "klaster", "--out", str(tmp_path / "c.xlsx"))


def test_it_rejects_an_unknown_format(tmp_path, db):
    with pytest.raises(CommandError, match="--format"):
        call_command("export", "inventory", "--format", "ods", "--out", str(tmp_path / "c.ods"))


def test_it_keeps_a_member_to_their_agencys_actions(tmp_path, action, other_pokja_member):
    assert run_export("actions", "csv", tmp_path / "a.csv", user=other_pokja_member) == 0


def test_it_refuses_the_inventory_to_a_pokja_member(tmp_path, pokja_member):
    with pytest.raises(ExportError):
        run_export("inventory", "csv", tmp_path / "a.csv", user=pokja_member)


class TestExportPage:
    def test_it_exports_as_a_job_with_a_download(self, client_for, analyst, flagged_account):
        from pantau.jobs.models import Job
        from pantau.jobs.runner import run_job

        client = client_for(analyst)
        client.post(reverse("dashboards:export"), {"kind": "inventory", "format": "csv"})
        job = run_job(Job.objects.get().pk)
        assert job.status == "done", job.message
        body = b"".join(client.get(job.result["download"]).streaming_content).decode("utf-8-sig")
        assert "Akun Provokator" in body and job.result["rows"] == 1

    def test_it_offers_a_pokja_member_only_their_exports(self, client_for, pokja_member):
        content = client_for(pokja_member).get(reverse("dashboards:export")).content
        assert b'value="actions"' in content and b'value="inventory"' not in content

    def test_it_sends_anonymous_visitors_to_login(self, client_for, db):
        assert client_for(None).get(reverse("dashboards:export")).status_code == 302
