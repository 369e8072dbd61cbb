import pytest

from pantau.backup import database
from pantau.backup.database import BackupError


def test_it_says_how_to_get_pg_dump_when_it_is_missing(monkeypatch):
    monkeypatch.setattr(database.shutil, "which", lambda name: None)
    with pytest.raises(BackupError, match=r"pg_dump was not found: install PostgreSQL's client tools"):
        database._pg_command("pg_dump")


def test_it_refuses_a_backup_of_the_other_database_engine(monkeypatch, tmp_path):
    monkeypatch.setattr(database, "engine", lambda: "sqlite")
    with pytest.raises(BackupError, match="holds a postgresql database, but this installation uses sqlite"):
        database.load(tmp_path / "dump", "postgresql", replace=False)
