import json
from datetime import timedelta

from django.utils import timezone

from pantau.backup import schedule
from pantau.backup.selfcheck import _recent_backup


def test_it_keeps_the_newest_archives_only(tmp_path):
    for day in range(1, 6):
        (tmp_path / f"pantau-backup-2024110{day}T010000Z.tar.gz").write_bytes(b"x")
    (tmp_path / "someone-elses.tar.gz").write_bytes(b"x")
    removed = schedule.prune(tmp_path, 2)
    assert [path.name[14:22] for path in removed] == ["20241101", "20241102", "20241103"]
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "pantau-backup-20241104T010000Z.tar.gz",
        "pantau-backup-20241105T010000Z.tar.gz",
        "someone-elses.tar.gz",
    ]


def test_the_daily_backup_is_off_without_a_folder(monkeypatch):
    monkeypatch.delenv("PANTAU_BACKUP_DIR", raising=False)
    assert schedule.daily_backup().startswith("mati (PANTAU_BACKUP_DIR")


def mark(settings, tmp_path, age):
    settings.PANTAU_HOME = tmp_path
    at = (timezone.now() - age).isoformat()
    (tmp_path / schedule.MARKER).write_text(json.dumps({"at": at, "path": "/backups/b.tar.gz", "keys": "encrypted"}))


def test_check_warns_when_no_backup_was_made(settings, tmp_path):
    settings.PANTAU_HOME = tmp_path
    ok, detail = _recent_backup()
    assert ok is None and "no backup made yet" in detail


def test_check_warns_when_the_last_backup_is_over_two_days_old(settings, tmp_path):
    mark(settings, tmp_path, timedelta(days=3))
    ok, detail = _recent_backup()
    assert ok is None and "(3 day(s) ago)" in detail and "older than 2 days" in detail


def test_check_is_content_with_yesterdays_backup(settings, tmp_path):
    mark(settings, tmp_path, timedelta(days=1))
    assert _recent_backup() == (True, _recent_backup()[1])
    assert "/backups/b.tar.gz" in _recent_backup()[1]
