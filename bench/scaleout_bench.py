"""Scale-out: from an upload to every job done, with 1, 2 and 4 workers.

    python3 bench/scaleout_bench.py [--posts 1000000] [--workers 1,2,4] [--database sqlite|postgresql|both]
                                    [--data DIR] [--part-bytes N] [--part-posts N]

Generates --posts posts with /work/shared/bench/gen_posts.py, then for each
database and worker count: a fresh database (SQLite in a fresh PANTAU_HOME;
PostgreSQL as a new database on DATABASE_URL's server, default
postgresql://pantau:pantau@127.0.0.1:5432/pantau, which `python3 bootstrap.py
test` sets up), N `pantau worker` processes, and the file stored and queued
exactly as the upload page does. It waits until no job is queued or running
and prints the time from upload (the workers already up) to done, each job kind's busy time, and any
failed job, then per stage (import, classification, coordination) when its
first job started and its last ended, counted from the upload, and the busy
seconds of its jobs. Coordination and classification start while the import
runs (the import's hooks queue them after every batch), as in an office.

The file is cut into pieces of --part-bytes (default: an eighth of the file,
so that four workers get two pieces each) and classification and
coordination into parts of --part-posts posts (default: an eighth of the
posts, at most 25,000, the setting's default). CPU seconds are those of the
workers and the bench's own processes (`RUSAGE_CHILDREN`); on PostgreSQL the
server's CPU for this run's database is printed apart ("server CPU-s"): the
backends serving it, seen in pg_stat_activity every half second and read from
/proc (so only for a server on this machine; a backend that lives less than
half a second is missed, and the shared WAL writer and checkpointer are not
counted), with the time its backends spent waiting for a lock (samples that
found a backend waiting, half a second each).
"""

import argparse
import contextlib
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PANTAU = [sys.executable, "-m", "pantau"]
DEFAULT_PG = "postgresql://pantau:pantau@127.0.0.1:5432/pantau"

QUEUE_UPLOAD = """
from django.core.files import File
from pantau.jobs.files import save_upload
from pantau.jobs.runner import start_job
with open({path!r}, "rb") as handle:
    stored = save_upload(File(handle, name="posts.jsonl"))
params = {{"upload": stored, "name": "posts.jsonl", "format": "", "group": ""}}
job = start_job("intake.import", "Import posts.jsonl", params)
print(job.pk)
"""

JOBS = "SELECT kind, status, created_at, started_at, finished_at, attempts, worker_id FROM jobs_job"
FIELDS = ("kind", "status", "created_at", "started_at", "finished_at", "attempts", "worker")


def job_state(env: dict) -> dict:
    """The jobs as the queue holds them, read straight from the database (no Django start-up per look)."""
    rows = _query(env, JOBS)
    jobs = [dict(zip(FIELDS, r, strict=True)) for r in rows]
    for job in jobs:
        for key in ("created_at", "started_at", "finished_at"):
            if isinstance(job[key], str):
                job[key] = datetime.fromisoformat(job[key])
    origin = min((j["created_at"] for j in jobs), default=None)
    busy: dict[str, float] = {}
    per_worker: dict[str, float] = {}
    spans: dict[str, tuple] = {}
    for j in jobs:
        if j["started_at"] and j["finished_at"]:
            took = (j["finished_at"] - j["started_at"]).total_seconds()
            busy[j["kind"]] = busy.get(j["kind"], 0) + took
            per_worker[j["worker"]] = per_worker.get(j["worker"], 0) + took
            first, last = spans.get(j["kind"], (j["started_at"], j["finished_at"]))
            spans[j["kind"]] = (min(first, j["started_at"]), max(last, j["finished_at"]))
    return {
        "spans": {k: ((a - origin).total_seconds(), (b - origin).total_seconds()) for k, (a, b) in spans.items()},
        "open": sum(j["status"] in ("queued", "running") for j in jobs),
        "failed": [j["kind"] for j in jobs if j["status"] == "failed"],
        "jobs": len(jobs),
        "busy": busy,
        "per_worker": per_worker,
        "retried": sum(j["attempts"] > 1 for j in jobs),
    }


def _query(env: dict, sql: str) -> list:
    if env.get("DATABASE_URL"):
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as connection:
            return connection.execute(sql).fetchall()
    with sqlite3.connect(Path(env["PANTAU_HOME"]) / "pantau.sqlite3", timeout=30) as connection:
        return connection.execute(sql).fetchall()


def main():
    args = _arguments()
    data = Path(args.data) if args.data else Path(tempfile.mkdtemp(prefix="pantau-scale-data-"))
    if not (data / "posts.jsonl").exists():
        subprocess.run(
            [sys.executable, _generator(args.generator), "--posts", str(args.posts), "--out", str(data)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    size = (data / "posts.jsonl").stat().st_size
    args.part_bytes = args.part_bytes or max(1024 * 1024, size // 8)
    args.part_posts = args.part_posts or max(1000, min(25_000, args.posts // 8))
    print(
        f"{args.posts:,} posts ({size / 2**20:.0f} MiB); pieces of {args.part_bytes / 2**20:.1f} MiB, parts of "
        f"{args.part_posts:,} posts; {os.cpu_count()} CPUs; load average {_load()}"
    )
    for database in ("sqlite", "postgresql") if args.database == "both" else (args.database,):
        for workers in [int(n) for n in args.workers.split(",")]:
            if database == "sqlite" and workers > 1 and not args.sqlite_many:
                continue  # one SQLite file has one writer: the laptop mode runs one worker
            _run_once(database, workers, data / "posts.jsonl", args)


def _arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--database", default="both", choices=["sqlite", "postgresql", "both"])
    parser.add_argument("--sqlite-many", action="store_true", help="also run SQLite with more than one worker")
    parser.add_argument("--timeout", type=float, default=4 * 3600)
    parser.add_argument("--data", help="a folder with posts.jsonl from gen_posts.py (made when missing)")
    parser.add_argument("--part-bytes", type=int, default=0, help="PANTAU_IMPORT_PART_BYTES")
    parser.add_argument("--part-posts", type=int, default=0, help="PANTAU_CLASSIFY_/COORDINATION_PART_POSTS")
    parser.add_argument("--generator", default=str(ROOT.parent.parent / "shared" / "bench" / "gen_posts.py"))
    parser.add_argument("--keep", action="store_true", help="keep the database and PANTAU_HOME of each run (for a look)")
    return parser.parse_args()


def _generator(path: str) -> str:
    return path if Path(path).exists() else "/work/shared/bench/gen_posts.py"


class ServerCpu:
    """CPU seconds of the PostgreSQL backends serving one database, sampled from a thread."""

    def __init__(self, url: str):
        self.url, self.name = url, url.rsplit("/", 1)[1]
        self.seen: dict[int, float] = {}
        self.lock_waits: dict[str, int] = {}  # statement -> samples that found a backend waiting for a lock in it
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        import psycopg

        tick = os.sysconf("SC_CLK_TCK")
        with psycopg.connect(self.url, autocommit=True) as connection:
            while not self.stop.wait(0.5):
                rows = connection.execute(
                    "SELECT pid, CASE WHEN wait_event_type = 'Lock' THEN left(query, 60) END"
                    " FROM pg_stat_activity WHERE datname = %s",
                    [self.name],
                )
                for pid, waiting in rows.fetchall():
                    if waiting:
                        self.lock_waits[waiting] = self.lock_waits.get(waiting, 0) + 1
                    try:
                        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                    except OSError:  # ended meanwhile, or a server on another machine
                        continue
                    self.seen[pid] = max(self.seen.get(pid, 0), (int(fields[11]) + int(fields[12])) / tick)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stop.set()
        self.thread.join()

    def summary(self) -> str:
        cpu = f"{sum(self.seen.values()):.0f}" if self.seen else "n/a"
        worst = max(self.lock_waits, key=self.lock_waits.get, default="")
        waits = f"about {sum(self.lock_waits.values()) / 2:.0f} s of lock waits"
        return f"{cpu} server CPU-s, {waits}" + (f", most in {worst!r}" if worst else "")


def _run_once(database: str, workers: int, posts: Path, args) -> None:
    home = Path(tempfile.mkdtemp(prefix="pantau-scale-"))
    env = {**os.environ, "PANTAU_HOME": str(home), "PANTAU_EMBEDDED_WORKER": "0"}
    env["PANTAU_IMPORT_PART_BYTES"] = str(args.part_bytes)
    env["PANTAU_CLASSIFY_PART_POSTS"] = env["PANTAU_COORDINATION_PART_POSTS"] = str(args.part_posts)
    env.pop("DATABASE_URL", None)
    if database == "postgresql":
        env["DATABASE_URL"] = _fresh_pg_database(os.environ.get("DATABASE_URL") or DEFAULT_PG)
    subprocess.run([*PANTAU, "migrate"], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    cpu_before = _children_cpu()
    pool = [
        subprocess.Popen(
            [*PANTAU, "worker", "--interval", "0.2"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    _wait_for_workers(env, workers, args.timeout)  # as in an office, the workers are up before the upload
    server = ServerCpu(env["DATABASE_URL"]) if database == "postgresql" else None
    started = time.perf_counter()
    try:
        with server or contextlib.nullcontext():
            _shell(env, QUEUE_UPLOAD.format(path=str(posts)))
            state = _wait_for_done(env, started, args.timeout)
            took = time.perf_counter() - started
    finally:
        for worker in pool:
            worker.terminate()
        for worker in pool:
            worker.wait(timeout=60)
    cpu = _children_cpu() - cpu_before
    failed = f"; FAILED: {state['failed']}" if state["failed"] else ""
    on_server = f" (+ {server.summary()})" if server else ""
    print(
        f"{database}, {workers} worker(s): upload to done {took:.0f} s, {cpu:.0f} CPU-s{on_server}; "
        f"{state['jobs']} jobs ({state['retried']} retried){failed}; load average {_load()}"
    )
    # A worker's time from upload to done not spent in a job: waiting for one, or polling between two.
    idle = ", ".join(f"{took - busy:.0f} s" for busy in sorted(state["per_worker"].values(), reverse=True))
    print(f"    idle per worker: {idle}")
    for kind, (first, last) in sorted(state["spans"].items(), key=lambda item: item[1][0]):
        print(
            f"    {kind}: from +{first:.0f} s to +{last:.0f} s ({last - first:.0f} s), busy {state['busy'][kind]:.0f} s"
        )
    sys.stdout.flush()
    if args.keep:
        print(f"    kept: PANTAU_HOME={home}" + (f" DATABASE_URL={env['DATABASE_URL']}" if database == "postgresql" else ""))
        return
    if database == "postgresql":
        _drop_pg_database(env["DATABASE_URL"])
    shutil.rmtree(home, ignore_errors=True)


def _wait_for_workers(env: dict, workers: int, timeout: float) -> None:
    waited = time.perf_counter()
    while _query(env, "SELECT COUNT(*) FROM jobs_workerheartbeat")[0][0] < workers:
        if time.perf_counter() - waited > timeout:
            raise SystemExit(f"{workers} workers did not check in within {timeout:.0f} s")
        time.sleep(0.5)


def _wait_for_done(env: dict, started: float, timeout: float) -> dict:
    time.sleep(2)
    while True:
        state = job_state(env)
        if state["open"] == 0:
            return state
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"jobs still open after {timeout:.0f} s: {state}")
        time.sleep(1)


def _shell(env: dict, code: str) -> str:
    out = subprocess.run([*PANTAU, "shell", "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def _fresh_pg_database(url: str) -> str:
    import psycopg

    name = f"pantau_scale_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


def _drop_pg_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/pantau", autocommit=True) as connection:
        for _attempt in range(60):
            try:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                return
            except psycopg.errors.InsufficientPrivilege:
                # An autovacuum worker is in it, which only a superuser may end: it ends soon by itself.
                time.sleep(1)
        print(f"    (database {name} left behind: autovacuum still in it after a minute)")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
