"""What coordination adds to the exports and the pokja agenda."""

import io
from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from pantau.coordination.services import run_coordination
from pantau.dashboards.exports import ExportError, run_export

from .factories import campaign

pytestmark = pytest.mark.django_db


def test_it_exports_clusters_with_their_accounts_and_edge_counts(tmp_path):
    from openpyxl import load_workbook

    campaign()
    run_coordination()
    out = tmp_path / "klaster.xlsx"
    call_command("export", "clusters", "--format", "xlsx", "--out", str(out), stdout=io.StringIO())
    book = load_workbook(out, read_only=True)
    [_header, row] = list(book["Klaster"].values)
    assert (row[4], row[7], row[9]) == (3, 3, "op1, op2, op3")
    assert len(list(book["Akun"].values)) == 4 and len(list(book["Hubungan"].values)) == 4


def test_it_refuses_the_clusters_export_to_a_pokja_member(pokja_member, tmp_path):
    with pytest.raises(ExportError):
        run_export("clusters", "csv", tmp_path / "c.csv", user=pokja_member)


def test_it_proposes_clusters_found_since_the_last_held_meeting(coordinator):
    from pantau.pokja.agenda import propose
    from pantau.pokja.models import Meeting

    campaign()
    run_coordination()
    Meeting.objects.create(title="Lalu", starts_at=datetime(2020, 1, 1, tzinfo=UTC), status=Meeting.Status.HELD)
    upcoming = Meeting.objects.create(title="Rapat", starts_at=datetime(2030, 1, 1, tzinfo=UTC))
    [proposal] = [p for p in propose(upcoming) if p.source == "coordination.clusters"]
    assert "(1)" in proposal.title and "Op1" in proposal.detail


def test_it_proposes_no_clusters_older_than_the_last_held_meeting(coordinator):
    from pantau.pokja.agenda import propose
    from pantau.pokja.models import Meeting

    campaign()
    run_coordination()
    Meeting.objects.create(title="Lalu", starts_at=datetime(2099, 1, 1, tzinfo=UTC), status=Meeting.Status.HELD)
    upcoming = Meeting.objects.create(title="Rapat", starts_at=datetime(2099, 2, 1, tzinfo=UTC))
    assert not [p for p in propose(upcoming) if p.source == "coordination.clusters"]
