"""Work that never stalls, shown with real processes on a real SQLite file.

These start `pantau worker` and `pantau serve` as the office would and
disturb them as an office does: other clients writing all the time, a worker
killed in the middle of an import. Every wait is bounded.
"""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDED_POSTS = 6000
IMPORTED_POSTS = 20000
# Short heartbeats and leases, so that a dead worker's job is taken over within seconds.
# Small import batches, so the import shows progress (and is killed) well before it ends.
FAST_LEASE = {"PANTAU_JOB_HEARTBEAT_SECONDS": "1", "PANTAU_JOB_LEASE_SECONDS": "4", "PANTAU_IMPORT_BATCH_POSTS": "2000"}

WRITER = """
import pathlib, sqlite3, sys, time
db, stop, n = sys.argv[1], pathlib.Path(sys.argv[2]), 0
connection = sqlite3.connect(db, timeout=30, isolation_level=None)
deadline = time.monotonic() + 240
while not stop.exists() and time.monotonic() < deadline:
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("INSERT INTO stress_writes (writer, n) VALUES (?, ?)", (sys.argv[3], n))
    connection.execute("COMMIT")
    n += 1
    time.sleep(0.002)
print(n)
"""

ENQUEUE = """
import sys
from pantau.jobs.runner import start_job
kind, *rest = sys.argv[1:]
params = dict(item.split("=", 1) for item in rest)
if kind == "intake.import":
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    with open(params["path"], "rb") as handle:
        params = {"upload": default_storage.save("imports/posts.csv", ContentFile(handle.read())), "name": "posts.csv"}
print(start_job(kind, "resilience test", params).pk)
"""


def environment(home, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PANTAU_TEST_DATABASE_NAME")}
    env.update(PANTAU_HOME=str(home), PYTHONPATH=str(ROOT), PANTAU_LOG_LEVEL="WARNING", **extra)
    return env


def pantau(home, *args, timeout=300):
    done = subprocess.run(
        [sys.executable, "-m", "pantau", *args],
        capture_output=True, text=True, env=environment(home), timeout=timeout, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def enqueue(home, job_kind, **params) -> int:
    args = [f"{key}={value}" for key, value in params.items()]
    done = subprocess.run(
        [sys.executable, "-c", "import sys, django; django.setup(); exec(sys.argv.pop(1))", ENQUEUE, job_kind, *args],
        capture_output=True, text=True, env=environment(home, DJANGO_SETTINGS_MODULE="pantau.settings"),
        timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return int(done.stdout.strip().splitlines()[-1])


def write_posts(path: Path, count: int, prefix: str) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("platform,text,url,author\n")
        for n in range(count):
            handle.write(f"facebook,Pesan {prefix} nomor {n} tentang pilkada damai,"
                         f"https://facebook.com/groups/7/posts/{prefix}{n},Akun {n % 97}\n")  # fmt: skip
    return path


def query(home, sql, *params):
    connection = sqlite3.connect(f"file:{home / 'pantau.sqlite3'}?mode=ro", uri=True, timeout=30)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def job_row(home, job_id) -> dict:
    names = ["status", "done", "total", "message", "attempts", "result"]
    row = query(home, f"SELECT {', '.join(names)} FROM jobs_job WHERE id = ?", job_id)[0]
    return dict(zip(names, row, strict=True))


def wait_until(condition, timeout: float, what: str, step: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"not within {timeout:.0f} s: {what}")


def stop(process, timeout=30):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """A migrated PANTAU_HOME with posts, and a table for the other clients to write to."""
    home = tmp_path_factory.mktemp("office")
    pantau(home, "import", "--no-progress", str(write_posts(home / "seed.csv", SEEDED_POSTS, "s")))
    connection = sqlite3.connect(home / "pantau.sqlite3")
    connection.execute("CREATE TABLE stress_writes (id INTEGER PRIMARY KEY, writer TEXT, n INTEGER)")
    connection.commit()
    connection.close()
    return home


def test_an_export_while_four_clients_write_keeps_the_worker_alive(office):
    stop_file = office / "stop-writers"
    worker = subprocess.Popen(
        [sys.executable, "-m", "pantau", "worker", "--no-routines", "--interval", "0.2"],
        env=environment(office, **FAST_LEASE), cwd=ROOT, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(office / "pantau.sqlite3"), str(stop_file), f"w{n}"],
            stdout=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for n in range(4)
    ]
    try:
        wait_until(lambda: query(office, "SELECT COUNT(*) FROM stress_writes")[0][0] > 200, 60, "the writers write")
        jobs = [enqueue(office, "dashboards.export", kind="posts", format=fmt) for fmt in ("xlsx", "csv")]
        ended = lambda: all(job_row(office, job)["status"] in ("done", "failed") for job in jobs)  # noqa: E731
        wait_until(lambda: ended() or worker.poll() is not None, 180, "the exports end")
        assert worker.poll() is None, worker.stderr.read()[-2000:]
        rows = [job_row(office, job) for job in jobs]
        assert [row["status"] for row in rows] == ["done", "done"], rows
        assert rows[1]["done"] == SEEDED_POSTS  # the CSV: every post; the workbook adds a sheet per day
    finally:
        stop_file.touch()
        written = [int(writer.communicate(timeout=60)[0] or 0) for writer in writers]
        stop(worker)
    assert min(written) > 50  # every client really wrote while the worker worked


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def healthy(port) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def test_a_worker_killed_under_serve_is_back_within_ten_seconds_and_its_job_finishes(office, tmp_path):
    port = free_port()
    serve = subprocess.Popen(
        [sys.executable, "-m", "pantau", "serve", "--port", str(port)],
        env=environment(office, **FAST_LEASE), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        wait_until(lambda: healthy(port), 90, "pantau serve answers /healthz with 200", step=0.5)
        job = enqueue(office, "intake.import", path=write_posts(tmp_path / "big.csv", IMPORTED_POSTS, "k"))
        row = wait_until(
            lambda: (lambda r: r if r["status"] == "running" and r["done"] > 0 else None)(job_row(office, job)),
            120, "the import runs",
        )  # fmt: skip
        [(victim,)] = query(office, "SELECT pid FROM jobs_workerheartbeat")
        os.kill(victim, signal.SIGKILL)
        killed_at = time.monotonic()
        assert row["done"] < row["total"]  # killed in the middle of the import

        wait_until(
            lambda: query(office, "SELECT pid FROM jobs_workerheartbeat WHERE pid != ?", victim), 10,
            "a new worker checks in",
        )  # fmt: skip
        assert time.monotonic() - killed_at < 10
        wait_until(lambda: job_row(office, job)["status"] in ("done", "failed"), 240, "the import finishes", step=0.5)
        final = job_row(office, job)
        assert (final["status"], final["attempts"]) == ("done", 2), final
        posts = query(office, "SELECT COUNT(*) FROM intake_post")[0][0]
        assert posts == SEEDED_POSTS + IMPORTED_POSTS
        stuck = "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
        wait_until(lambda: query(office, stuck)[0][0] == 0, 30, "no task row stays RUNNING")
        assert serve.poll() is None
    finally:
        stop(serve)
    assert "starting it again" in serve.stdout.read()
