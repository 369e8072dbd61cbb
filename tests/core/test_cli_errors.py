"""Every `pantau` command on a fresh PANTAU_HOME: it prepares the database or says in one line what is wrong."""

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from pantau.cli import pantau_commands

ROOT = Path(__file__).resolve().parents[2]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


def pantau(home, *args, timeout=120, **env):
    environ = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PANTAU_TEST_DATABASE_NAME")}
    environ.update(PANTAU_HOME=str(home), PYTHONPATH=str(ROOT), **env)
    return subprocess.run(
        [sys.executable, "-m", "pantau", *args], capture_output=True, text=True, env=environ, timeout=timeout, cwd=ROOT
    )


def output(done) -> str:
    return done.stdout + done.stderr


def test_it_answers_every_command_with_bad_arguments_on_a_fresh_home_without_a_traceback(tmp_path):
    # A path where none is expected is a usage error (exit 2) for most commands and a missing
    # file for those that read one (exit 1): either way one message, and never a started server.
    def run(name):
        return name, pantau(tmp_path / name, name, "/tidak/ada/berkas.csv")

    with ThreadPoolExecutor(max_workers=3) as pool:
        results = dict(pool.map(run, pantau_commands()))
    assert {name: output(done)[-600:] for name, done in results.items() if "Traceback" in output(done)} == {}
    assert {name: done.returncode for name, done in results.items() if done.returncode not in (1, 2)} == {}
    assert {name for name, done in results.items() if not done.stderr.strip()} == set()


def test_it_answers_an_unknown_option_with_usage_before_touching_the_database(tmp_path):
    done = pantau(tmp_path, "import", "--no-such-option")
    assert done.returncode == 2
    assert "usage: pantau import" in done.stderr
    assert "Traceback" not in output(done)
    assert not (tmp_path / "pantau.sqlite3").exists()


@pytest.fixture(scope="module")
def migrated_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    done = pantau(home, "migrate", "-v0", timeout=300)
    assert done.returncode == 0, done.stderr
    (home / "gambar.png").write_bytes(PNG)
    return home


@pytest.mark.parametrize(
    "args",
    [
        ["import", "{home}/gambar.png"],
        ["import", "/tidak/ada.csv"],
        ["regions", "import", "{home}/gambar.png"],
        ["factcheck", "import", "{home}/gambar.png"],
        ["model", "train", "--data", "/tidak/ada.csv"],
        ["coordination", "--input", "{home}/gambar.png", "--export", "{home}/jaringan.csv"],
        ["document", "inventory", "--format", "pdf", "--out", "/tidak/ada/surat.pdf"],
        ["export", "posts", "--format", "csv", "--out", "/tidak/ada/pos.csv"],
        ["createuser", "budi", "--role", "bukan-peran"],
        ["alerts", "run", "--since-hours", "-1"],
    ],
)
def test_it_explains_an_ordinary_failure_in_one_line(migrated_home, args):
    done = pantau(migrated_home, *[arg.format(home=migrated_home) for arg in args])
    assert done.returncode in (1, 2)
    assert "Traceback" not in output(done)
    assert done.stderr.strip()


def test_it_imports_and_counts_on_a_fresh_home(tmp_path):
    home = tmp_path / "home"
    export = tmp_path / "posts.csv"
    export.write_text(
        "platform,text,url,author\n"
        "facebook,Ayo pilih dengan damai,https://facebook.com/groups/1/posts/11,Budi\n"
        "facebook,Jangan golput ya,https://facebook.com/groups/1/posts/12,Siti\n",
        encoding="utf-8",
    )
    imported = pantau(home, "import", str(export), "--no-progress", timeout=300)
    assert imported.returncode == 0, output(imported)
    assert "created 2" in imported.stdout
    assert "preparing the database" in imported.stderr
    stats = pantau(home, "stats", "--json")
    assert stats.returncode == 0, output(stats)
    assert json.loads(stats.stdout)["posts"] == 2


def test_it_says_in_one_line_that_the_database_server_is_unreachable(tmp_path):
    done = pantau(tmp_path, "stats", DATABASE_URL="postgresql://pantau:pantau@127.0.0.1:9/pantau")
    assert done.returncode == 2
    assert "Traceback" not in output(done)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "DATABASE_URL" in lines[0]


def test_it_names_the_missing_migrations_on_postgresql_instead_of_applying_them(monkeypatch):
    from pantau import cli

    class Executor:
        def __init__(self, connection):
            self.loader = type("Loader", (), {"graph": type("Graph", (), {"leaf_nodes": lambda self: []})()})()

        def migration_plan(self, targets):
            return [("intake", "0001_initial")]

    monkeypatch.setattr("django.db.migrations.executor.MigrationExecutor", Executor)
    monkeypatch.setattr("django.db.connection.vendor", "postgresql", raising=False)
    with pytest.raises(cli.DatabaseNotReady, match="run `pantau migrate`"):
        cli.prepare_database()


def test_it_refuses_a_lease_shorter_than_two_heartbeats_in_one_line(tmp_path):
    done = pantau(tmp_path, "stats", PANTAU_JOB_HEARTBEAT_SECONDS="10", PANTAU_JOB_LEASE_SECONDS="15")
    assert done.returncode == 2
    assert "PANTAU_JOB_LEASE_SECONDS=15 must be at least twice" in done.stderr
    assert "Traceback" not in output(done)
