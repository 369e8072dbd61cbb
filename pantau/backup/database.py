"""A consistent copy of the database while the office keeps working, and putting one back.

SQLite: the online backup API copies every page in one step under a read
transaction; in WAL mode writers go on meanwhile and the copy is the
database as of that moment. PostgreSQL: `pg_dump` of a snapshot exported
from a REPEATABLE READ transaction, in which the counts and the evidence
list of the manifest are read too, so they describe exactly what was dumped.
"""

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.db import connection, transaction

from pantau.core.stats import COUNTED

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
DUMP_NAMES = {SQLITE: "database/pantau.sqlite3", POSTGRESQL: "database/pantau.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot go on: one line for the operator."""


@dataclass
class Snapshot:
    engine: str
    stats: dict[str, int]
    evidence: list[tuple[str, int]]  # (sha256, size) of every item in the snapshot
    head: str  # the evidence chain's head in it, COUNT:HASH


def engine() -> str:
    vendor = connection.vendor
    if vendor not in (SQLITE, POSTGRESQL):
        raise BackupError(f"cannot back up a {vendor} database")
    return vendor


def _table(label: str) -> str:
    return apps.get_model(label)._meta.db_table


def _read_snapshot(run: Callable[[str], list[tuple]], name: str) -> Snapshot:
    """Counts, evidence hashes and chain head through `run(sql) -> rows`, on the snapshot itself."""
    stats = {key: run(f'SELECT COUNT(*) FROM "{_table(label)}"')[0][0] for key, label in COUNTED.items()}
    evidence = [(row[0], row[1]) for row in run(f'SELECT sha256, size FROM "{_table("evidence.EvidenceItem")}"')]
    last = run(f'SELECT seq, entry_hash FROM "{_table("evidence.ChainEntry")}" ORDER BY seq DESC LIMIT 1')
    head = f"{last[0][0]}:{last[0][1]}" if last else "0:" + "0" * 64
    return Snapshot(name, stats, evidence, head)


def dump(target: Path) -> Snapshot:
    """Write the database to `target` and describe what it holds."""
    kind = engine()
    target.parent.mkdir(parents=True, exist_ok=True)
    return _sqlite_dump(target) if kind == SQLITE else _postgresql_dump(target)


def _sqlite_dump(target: Path) -> Snapshot:
    source = sqlite3.connect(str(connection.settings_dict["NAME"]), timeout=30)
    copy = sqlite3.connect(str(target))
    try:
        source.backup(copy)  # pages=-1: one step, so the copy is one moment of the database
        return _read_snapshot(lambda sql: copy.execute(sql).fetchall(), SQLITE)
    finally:
        copy.close()
        source.close()


def _pg_command(program: str) -> str:
    found = shutil.which(program)
    if not found:
        raise BackupError(
            f"{program} was not found: install PostgreSQL's client tools (Debian: apt install postgresql-client) "
            "in the same major version as the server"
        )
    return found


def _pg_connection_args() -> tuple[list[str], dict]:
    config = connection.settings_dict
    args = ["--dbname", config["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if config.get(key):
            args += [flag, str(config[key])]
    env = dict(os.environ)
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = config["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-500:]}")


def _postgresql_dump(target: Path) -> Snapshot:
    pg_dump = _pg_command("pg_dump")
    args, env = _pg_connection_args()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot_id,) = cursor.fetchone()
        _run([pg_dump, *args, "--format=custom", "--no-owner", f"--snapshot={snapshot_id}", "--file", str(target)], env)

        def run(sql):
            cursor.execute(sql)
            return cursor.fetchall()

        return _read_snapshot(run, POSTGRESQL)


def database_is_empty() -> bool:
    """No office yet: no SQLite file (or an empty one), or no tables in PostgreSQL's schema."""
    if engine() == SQLITE:
        path = Path(connection.settings_dict["NAME"])
        return not path.exists() or path.stat().st_size == 0
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


@contextmanager
def _closed_connection():
    connection.close()
    try:
        yield
    finally:
        connection.close()


def load(source: Path, kind: str, replace: bool) -> None:
    """Put a dumped database in place of the configured one."""
    if kind != engine():
        raise BackupError(f"this backup holds a {kind} database, but this installation uses {engine()}")
    with _closed_connection():
        if kind == SQLITE:
            _sqlite_load(source)
        else:
            _postgresql_load(source, replace)


def _sqlite_load(source: Path) -> None:
    target = Path(connection.settings_dict["NAME"])
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    tmp = target.with_name(f".{target.name}.restoring")
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)


def _postgresql_load(source: Path, replace: bool) -> None:
    pg_restore = _pg_command("pg_restore")
    args, env = _pg_connection_args()
    options = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    if replace:
        options += ["--clean", "--if-exists"]
    _run([pg_restore, *args, *options, str(source)], env)
