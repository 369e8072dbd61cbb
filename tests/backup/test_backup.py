"""`pantau backup` and `pantau restore`, run as an operator runs them: separate processes on real homes."""

import io
import json
import os
import shutil
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def pantau(home: Path, *args, check=True, env=None) -> subprocess.CompletedProcess:
    environ = {**os.environ, "PANTAU_HOME": str(home), "DATABASE_URL": "", **(env or {})}
    environ.pop("PANTAU_EVIDENCE_ANCHOR", None)
    result = subprocess.run(
        [sys.executable, "-m", "pantau", *args], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=300
    )
    if check and result.returncode != 0:
        raise AssertionError(f"pantau {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


ADD_EVIDENCE = """
import io
from pantau.evidence.services import add_evidence
for n in range({n}):
    add_evidence(io.BytesIO(b"evidence %d of {tag}" % n), original_name=f"shot{{n}}.png", note="post %d" % n)
"""


def add_evidence(home: Path, n: int, tag: str) -> None:
    pantau(home, "shell", "-c", ADD_EVIDENCE.format(n=n, tag=tag))


def stats(home: Path) -> dict:
    return json.loads(pantau(home, "stats", "--json").stdout)


def posts_csv(path: Path, rows: int) -> Path:
    lines = ["platform,url,author_id,author_name,text,posted_at"]
    lines += [
        f"facebook,https://facebook.com/groups/1/posts/{n},acct{n % 97},Akun {n % 97},"
        f"Kampanye hari ke {n} di Tamiang Layang,2024-10-{1 + n % 28:02d}T08:00:00+07:00"
        for n in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


ROWS = 5000


BACKUP_WHEN_IMPORTING = """
import time
from django.core.management import call_command
from pantau.intake.models import Post
deadline = time.monotonic() + 120
while Post.objects.count() <= 3 and time.monotonic() < deadline:
    time.sleep(0.05)
call_command("backup", "{archive}", "--keys", "{keys}")
"""


def launch(home: Path, *args) -> subprocess.Popen:
    environ = {**os.environ, "PANTAU_HOME": str(home), "DATABASE_URL": ""}
    return subprocess.Popen(
        [sys.executable, "-m", "pantau", *args], cwd=ROOT, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("template") / "office"
    pantau(home, "migrate", "-v0")
    pantau(home, "import", "--no-progress", str(ROOT / "tests/intake/samples/generic.csv"))
    add_evidence(home, 3, "office")
    (home / "files" / "uploads").mkdir(parents=True)
    (home / "files" / "uploads" / "waiting.csv").write_text("platform,url\n")
    return home


@pytest.fixture
def office(template, tmp_path) -> Path:
    """A small office with posts, evidence and an uploaded file (migrated once per module, copied per test)."""
    return Path(shutil.copytree(template, tmp_path / "office"))


def test_it_backs_up_during_an_import_and_restores_the_same_office(office, tmp_path):
    big = posts_csv(tmp_path / "big.csv", ROWS)
    during, during_keys = tmp_path / "during.tar.gz", tmp_path / "during.keys"
    # The backup process starts first and snapshots as soon as the import has committed a batch.
    backing_up = launch(office, "shell", "-c", BACKUP_WHEN_IMPORTING.format(archive=during, keys=during_keys))
    importing = launch(office, "import", "--no-progress", "--batch-size", "100", str(big))
    for process in (backing_up, importing):
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    add_evidence(office, 2, "meanwhile")
    manifest = json.loads(tarfile.open(during).extractfile("manifest.json").read())

    fresh = tmp_path / "fresh"
    restored = pantau(fresh, "restore", str(during), "--keys", str(during_keys))
    assert "evidence verified" in restored.stdout
    assert stats(fresh) == manifest["stats"]
    assert manifest["stats"]["evidence_items"] == 3
    assert 3 < manifest["stats"]["posts"] < ROWS + 3, "the backup was meant to be taken while the import ran"
    pantau(fresh, "evidence", "verify")
    assert (fresh / "field_key").read_text() == (office / "field_key").read_text()
    assert (fresh / "files" / "uploads" / "waiting.csv").exists()

    # Once the import is done, a backup restores to exactly the office's counts.
    after = tmp_path / "after.tar.gz"
    pantau(office, "backup", str(after), "--no-keys")
    again = tmp_path / "again"
    pantau(again, "restore", str(after))
    assert stats(again) == stats(office)
    assert stats(again)["posts"] == ROWS + 3
    pantau(again, "evidence", "verify")


def test_it_encrypts_the_keys_with_a_passphrase(office, tmp_path):
    secret = tmp_path / "pass"
    secret.write_text("kuda-baterai-staples-benar\n")
    archive = tmp_path / "b.tar.gz"
    pantau(office, "backup", str(archive), "--passphrase-file", str(secret))
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        sealed = tar.extractfile("keys.enc").read()
    assert "keys.enc" in names and not any(name.endswith("field_key") for name in names)
    assert (office / "field_key").read_bytes() not in sealed

    wrong = tmp_path / "wrong"
    wrong.write_text("not the right passphrase")
    refused = pantau(tmp_path / "h1", "restore", str(archive), "--passphrase-file", str(wrong), check=False)
    assert refused.returncode != 0
    assert "the passphrase does not open the keys in this backup" in refused.stderr
    assert not (tmp_path / "h1" / "pantau.sqlite3").exists()

    home = tmp_path / "h2"
    pantau(home, "restore", str(archive), env={"PANTAU_BACKUP_PASSPHRASE": "kuda-baterai-staples-benar"})
    assert (home / "field_key").read_text() == (office / "field_key").read_text()


def test_it_says_where_the_keys_should_go(office, tmp_path):
    result = pantau(office, "backup", str(tmp_path / "b.tar.gz"), check=False)
    assert result.returncode != 0
    assert "say where the keys go: --keys FILE" in result.stderr
    assert not (tmp_path / "b.tar.gz").exists()


def rewrite(source: Path, target: Path, change) -> Path:
    """Copy an archive member by member, letting `change(name, data)` alter or drop (None) each."""
    with tarfile.open(source) as old, tarfile.open(target, "w:gz") as new:
        for member in old:
            data = change(member.name, old.extractfile(member).read())
            if data is not None:
                member.size = len(data)
                new.addfile(member, io.BytesIO(data))
    return target


@pytest.fixture
def archive(office, tmp_path) -> Path:
    path = tmp_path / "good.tar.gz"
    pantau(office, "backup", str(path), "--no-keys")
    return path


def refused(home: Path, archive: Path) -> str:
    result = pantau(home, "restore", str(archive), check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert not (home / "pantau.sqlite3").exists()
    return result.stderr


def test_it_refuses_a_truncated_backup(archive, tmp_path):
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    assert "is damaged or truncated" in refused(tmp_path / "h", cut)


def test_it_refuses_a_backup_whose_file_does_not_match_the_manifest(archive, tmp_path):
    def flip(name, data):
        return data + b"x" if name.startswith("evidence/") else data

    damaged = rewrite(archive, tmp_path / "damaged.tar.gz", flip)
    err = refused(tmp_path / "h", damaged)
    assert "the manifest says" in err and "the backup is damaged" in err


def test_it_refuses_a_partial_backup(archive, tmp_path):
    dropped = []

    def drop_one(name, data):
        if name.startswith("evidence/") and not dropped:
            dropped.append(name)
            return None
        return data

    partial = rewrite(archive, tmp_path / "partial.tar.gz", drop_one)
    assert f"lacks {dropped[0]}, which its manifest lists: the backup is partial" in refused(tmp_path / "h", partial)


def test_it_refuses_a_backup_without_its_manifest(archive, tmp_path):
    def drop_manifest(name, data):
        return None if name == "manifest.json" else data

    headless = rewrite(archive, tmp_path / "headless.tar.gz", drop_manifest)
    assert "has no manifest" in refused(tmp_path / "h", headless)


def test_it_refuses_to_restore_over_an_office_unless_forced(archive, office):
    result = pantau(office, "restore", str(archive), check=False)
    assert result.returncode != 0 and "add --force to replace it" in result.stderr
    pantau(office, "restore", str(archive), "--force")
    pantau(office, "evidence", "verify")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_it_keeps_the_office_files_private(office, tmp_path):
    pantau(office, "shell", "-c", "from django.core.mail import send_mail; send_mail('s', 'b', 'a@x.id', ['r@x.id'])")
    archive, keys = tmp_path / "b.tar.gz", tmp_path / "b.keys"
    pantau(office, "backup", str(archive), "--keys", str(keys))
    outbox = next((office / "outbox").iterdir())
    evidence = next(path for path in (office / "evidence").rglob("*") if path.is_file())
    assert mode(office) == 0o700
    for folder in (office / "outbox", office / "evidence", office / "files"):
        assert mode(folder) == 0o700, folder
    for private in (office / "pantau.sqlite3", office / "secret_key", office / "field_key", outbox, archive, keys):
        assert mode(private) == 0o600, private
    assert mode(evidence) == 0o400


def test_it_closes_files_that_an_older_version_left_readable(office):
    (office / "pantau.sqlite3").chmod(0o644)
    (office / "outbox").mkdir(exist_ok=True)
    (office / "outbox").chmod(0o755)
    office.chmod(0o755)
    pantau(office, "stats")
    assert mode(office / "pantau.sqlite3") == 0o600
    assert mode(office / "outbox") == 0o700
    assert mode(office) == 0o700


def test_the_worker_makes_daily_backups_and_keeps_the_newest(office, tmp_path):
    folder = tmp_path / "backups"
    env = {"PANTAU_BACKUP_DIR": str(folder), "PANTAU_BACKUP_KEEP": "1"}
    assert "WARN backup" in pantau(office, "check", check=False).stdout
    pantau(office, "routines", "run", "--all", env=env)
    first = sorted(folder.glob("pantau-backup-*.tar.gz"))
    pantau(office, "routines", "run", "--all", env=env)
    kept = sorted(folder.glob("pantau-backup-*.tar.gz"))
    assert len(first) == 1 and len(kept) == 1 and kept != first
    assert "ok   backup                   last backup" in pantau(office, "check", check=False, env=env).stdout
