"""Scale-out: from an upload to every job done, with 1, 2 and 4 workers.

    python3 bench/scaleout_bench.py [--posts 1000000] [--workers 1,2,4] [--database sqlite|postgresql|both]

Generates --posts posts with /work/shared/bench/gen_posts.py, then for each
database and worker count: a fresh database (SQLite in a fresh PANTAU_HOME;
PostgreSQL as a new database on DATABASE_URL's server, default
postgresql://pantau:pantau@127.0.0.1:5432/pantau, which `python3 bootstrap.py
test` sets up), N `pantau worker` processes, and the file stored and queued
exactly as the upload page does. It waits until no job is queued or running
and prints the time from upload to done, each job kind's busy time, and any
failed job. Coordination and classification start while the import runs
(the import's hooks queue them after every batch), as in an office.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
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

JOB_STATE = """
import json
from django.db.models import Count
from pantau.jobs.models import Job
jobs = list(Job.objects.values("kind", "status", "started_at", "finished_at", "attempts"))
busy = {}
for j in jobs:
    if j["started_at"] and j["finished_at"]:
        busy[j["kind"]] = busy.get(j["kind"], 0) + (j["finished_at"] - j["started_at"]).total_seconds()
print(json.dumps({
    "open": sum(j["status"] in ("queued", "running") for j in jobs),
    "failed": [j["kind"] for j in jobs if j["status"] == "failed"],
    "jobs": len(jobs),
    "busy": busy,
    "retried": sum(j["attempts"] > 1 for j in jobs),
}))
"""


def main():
    args = _arguments()
    data = Path(tempfile.mkdtemp(prefix="pantau-scale-data-"))
    subprocess.run(
        [sys.executable, _generator(args.generator), "--posts", str(args.posts), "--out", str(data)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"{args.posts:,} posts; {os.cpu_count()} CPUs; load average {_load()}")
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
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--generator", default=str(ROOT.parent.parent / "shared" / "bench" / "gen_posts.py"))
    return parser.parse_args()


def _generator(path: str) -> str:
    return path if Path(path).exists() else "/work/shared/bench/gen_posts.py"


def _run_once(database: str, workers: int, posts: Path, args) -> None:
    home = Path(tempfile.mkdtemp(prefix="pantau-scale-"))
    env = {**os.environ, "PANTAU_HOME": str(home), "PANTAU_EMBEDDED_WORKER": "0"}
    env.pop("DATABASE_URL", None)
    if database == "postgresql":
        env["DATABASE_URL"] = _fresh_pg_database(os.environ.get("DATABASE_URL") or DEFAULT_PG)
    subprocess.run([*PANTAU, "migrate"], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    started = time.perf_counter()
    _shell(env, QUEUE_UPLOAD.format(path=str(posts)))
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
    try:
        state = _wait_for_done(env, started, args.timeout)
    finally:
        for worker in pool:
            worker.terminate()
        for worker in pool:
            worker.wait(timeout=60)
    took = time.perf_counter() - started
    busy = ", ".join(f"{kind} {seconds:.0f} s" for kind, seconds in sorted(state["busy"].items()))
    failed = f"; FAILED: {state['failed']}" if state["failed"] else ""
    print(
        f"{database}, {workers} worker(s): upload to done {took:.0f} s; {state['jobs']} jobs "
        f"({state['retried']} retried){failed}; busy: {busy}; load average {_load()}"
    )


def _wait_for_done(env: dict, started: float, timeout: float) -> dict:
    time.sleep(2)
    while True:
        state = json.loads(_shell(env, JOB_STATE))
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


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
