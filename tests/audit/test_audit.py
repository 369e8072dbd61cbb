"""The audit log: one record() seam, a chain that shows tampering, a coordinator-only page and CSV."""

import os
import subprocess
import sys
import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from pantau.audit.chain import verify
from pantau.audit.log import record
from pantau.audit.models import AuditEntry, AuditHead

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(analyst):
    return [record(analyst, "test.thing", analyst, n=n) for n in range(5)]


class TestChain:
    def test_it_verifies_an_untouched_log(self, entries, capsys):
        assert verify() == []
        call_command("audit", "verify")
        assert "chain intact" in capsys.readouterr().out

    def test_it_names_an_edited_entry(self, entries):
        AuditEntry.objects.filter(seq=entries[2].seq).update(details={"n": 99})
        assert [(p.seq, "altered" in p.detail) for p in verify()] == [(entries[2].seq, True)]

    def test_it_names_an_entry_whose_actor_was_rewritten(self, entries):
        AuditEntry.objects.filter(seq=entries[1].seq).update(actor_name="someone-else")
        assert [p.seq for p in verify()] == [entries[1].seq]

    def test_it_names_a_gap_where_an_entry_was_deleted(self, entries):
        AuditEntry.objects.filter(seq=entries[2].seq).delete()
        problems = verify()
        assert problems and problems[0].seq == entries[3].seq and "missing" in problems[0].detail

    def test_it_notices_the_newest_entries_cut_off(self, entries):
        AuditEntry.objects.filter(seq__gte=entries[3].seq).delete()
        assert any("written up to" in p.detail for p in verify())

    def test_it_notices_a_row_rewritten_with_its_own_hash_recomputed(self, entries):
        from pantau.audit.chain import entry_hash

        forged = AuditEntry.objects.get(seq=entries[1].seq)
        forged.details = {"n": 42}
        forged.entry_hash = entry_hash(forged, forged.prev_hash)
        forged.save()
        assert [p.seq for p in verify()] == [entries[2].seq]

    def test_the_command_fails_on_tampering(self, entries):
        AuditEntry.objects.filter(seq=entries[0].seq).update(action="other")
        with pytest.raises(CommandError, match="1 problem"):
            call_command("audit", "verify")


WRITER = """
import django, sys
django.setup()
from pantau.audit.log import record
for i in range(15):
    record(None, "test.concurrent", writer=sys.argv[1], i=i)
"""


def test_concurrent_processes_keep_one_unbroken_chain_on_sqlite(tmp_path):
    env = {**os.environ, "PANTAU_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "pantau.settings"}
    env.pop("DATABASE_URL", None)
    run = [sys.executable, "-m", "pantau"]
    subprocess.run([*run, "migrate", "-v0"], env=env, check=True, timeout=300)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(n)], env=env) for n in range(4)]
    assert [w.wait(timeout=120) for w in writers] == [0, 0, 0, 0]
    result = subprocess.run([*run, "audit", "verify"], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "60 entries" in result.stdout


@pytest.mark.django_db(transaction=True)
def test_concurrent_threads_keep_one_unbroken_chain_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's test database is in memory; the processes test above covers SQLite")

    def write(n):
        try:
            for i in range(10):
                record(None, "test.concurrent", writer=n, i=i)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seqs = sorted(AuditEntry.objects.filter(action="test.concurrent").values_list("seq", flat=True))
    assert len(seqs) == 40 and seqs == list(range(seqs[0], seqs[0] + 40))
    assert verify() == [] and AuditHead.objects.get().seq == AuditEntry.objects.count()


class TestLogins:
    def test_it_records_a_login_with_the_address(self, client, analyst):
        from tests.conftest import PASSWORD

        client.post(reverse("people:login"), {"username": "analis", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3")
        entry = AuditEntry.objects.get(action="login")
        assert (entry.actor, entry.details) == (analyst, {"ip": "10.1.2.3"})

    def test_it_records_a_failed_login_without_the_password(self, client, analyst):
        client.post(reverse("people:login"), {"username": "analis", "password": "wrong-Secret-123"})
        entry = AuditEntry.objects.get(action="login.failed")
        assert entry.actor is None and entry.details["username"] == "analis"
        assert "wrong-Secret-123" not in str(entry.details) and "password" not in entry.details


class TestWhatIsRecorded:
    def test_it_records_an_inventory_status_change(self, analyst):
        from pantau.inventory.models import Account
        from pantau.inventory.services import change_status

        account = Account.objects.create(platform="facebook", platform_id="prov.btm", name="Prov")
        change_status(account, "ditandai", analyst, "sering memposting hasutan")
        entry = AuditEntry.objects.get(action="inventory.status_changed")
        assert (entry.actor, entry.details["status"], entry.details["previous"]) == (analyst, "ditandai", "dipantau")

    def test_it_records_an_export_with_who_asked(self, analyst, tmp_path):
        from pantau.dashboards.exports import run_export

        run_export("actions", "csv", tmp_path / "a.csv", user=analyst)
        entry = AuditEntry.objects.get(action="export.written")
        assert (entry.actor, entry.details["kind"], entry.details["format"]) == (analyst, "actions", "csv")

    def test_it_records_evidence_added(self, analyst):
        import io

        from pantau.evidence.services import add_evidence

        item = add_evidence(io.BytesIO(b"bukti"), original_name="a.txt", user=analyst)
        entry = AuditEntry.objects.get(action="evidence.added")
        assert (entry.actor, entry.details["sha256"]) == (analyst, item.sha256)


class TestPage:
    def test_it_lists_entries_for_a_coordinator_with_filters(self, client_for, coordinator, entries):
        record(None, "other.thing")
        response = client_for(coordinator).get(reverse("audit:list"), {"action": "test.thing"})
        body = response.content.decode()
        assert response.status_code == 200 and "test.thing" in body and "other.thing</code>" not in body
        assert "no-store" in response["Cache-Control"]

    def test_it_pages_long_logs(self, client_for, coordinator):
        for n in range(60):
            record(None, "test.many", n=n)
        body = client_for(coordinator).get(reverse("audit:list"), {"action": "test.many", "page": 2}).content
        assert b"n=9;" not in body and b"n=9<" in body

    @pytest.mark.parametrize("role", ["analyst", "admin", "pokja"])
    def test_it_refuses_everyone_but_coordinators(self, client_for, users, role):
        assert client_for(users[role]).get(reverse("audit:list")).status_code == 403
        assert client_for(users[role]).get(reverse("audit:csv")).status_code == 403

    def test_it_sends_anonymous_visitors_to_login(self, client_for, db):
        assert client_for(None).get(reverse("audit:list")).status_code == 302

    def test_it_streams_the_filtered_log_as_csv_and_records_the_export(self, client_for, coordinator, entries):
        response = client_for(coordinator).get(reverse("audit:csv"), {"actor": "analis", "action": "test.thing"})
        lines = b"".join(response.streaming_content).decode().splitlines()
        assert lines[0].startswith("seq,") and len(lines) == 1 + len(entries)
        assert AuditEntry.objects.filter(action="audit.exported", actor=coordinator).exists()

    def test_it_shows_the_menu_entry_to_coordinators_only(self, client_for, users):
        assert reverse("audit:list") in client_for(users["coordinator"]).get("/").content.decode()
        assert reverse("audit:list") not in client_for(users["analyst"]).get("/").content.decode()


def test_the_command_exports_csv(entries, tmp_path):
    out = tmp_path / "audit.csv"
    call_command("audit", "export", "--out", str(out))
    assert out.read_text().count("test.thing") == len(entries)
