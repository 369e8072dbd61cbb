"""Backup while an import runs, then restore: `pantau backup` / `pantau restore` on gen_posts.py's posts.

    python3 bench/backup_bench.py POSTS.jsonl [--evidence 200]

Imports POSTS.jsonl into a fresh SQLite home; once half of it is in, takes a
backup while the import goes on; then restores that backup into another fresh
home and compares `pantau stats --json` with the manifest, runs `pantau
evidence verify`, and does the same with a backup of the finished import.
Prints the times and sizes.
"""

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ADD = """import io
from pantau.evidence.services import add_evidence
for n in range({n}):
    add_evidence(io.BytesIO(b'bench %d' % n))
"""


def pantau(home, *args, wait=True):
    env = {**os.environ, "PANTAU_HOME": str(home), "DATABASE_URL": ""}
    command = [sys.executable, "-m", "pantau", *args]
    if not wait:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout


def timed(fn):
    start = time.monotonic()
    result = fn()
    return result, time.monotonic() - start


def posts_in(home):
    with sqlite3.connect(home / "pantau.sqlite3", timeout=30) as db:
        return db.execute("SELECT COUNT(*) FROM intake_post").fetchone()[0]


def round_trip(home, archive, work, name):
    (_, backup_s) = timed(lambda: pantau(home, "backup", str(archive), "--keys", str(archive) + ".keys"))
    manifest = json.loads(tarfile.open(archive).extractfile("manifest.json").read())
    fresh = work / f"restored-{name}"
    (_, restore_s) = timed(lambda: pantau(fresh, "restore", str(archive), "--keys", str(archive) + ".keys"))
    same = json.loads(pantau(fresh, "stats", "--json")) == manifest["stats"]
    pantau(fresh, "evidence", "verify")
    print(
        f"{name}: backup {backup_s:.1f} s, {archive.stat().st_size / 2**20:.1f} MiB; "
        f"restore + verify {restore_s:.1f} s; "
        f"posts in backup {manifest['stats']['posts']}; restored stats equal manifest: {same}; verify ok"
    )
    return manifest


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("posts")
    parser.add_argument("--evidence", type=int, default=200)
    args = parser.parse_args()
    total = sum(1 for _ in open(args.posts, encoding="utf-8"))
    work = Path(tempfile.mkdtemp(prefix="pantau-backup-bench-"))
    home = work / "office"
    pantau(home, "migrate", "-v0")
    pantau(home, "shell", "-c", ADD.format(n=args.evidence))
    importing = pantau(home, "import", "--no-progress", args.posts, wait=False)
    while posts_in(home) < total // 2 and importing.poll() is None:
        time.sleep(0.2)
    running = importing.poll() is None
    manifest = round_trip(home, work / "during.tar.gz", work, "during import")
    still = importing.poll() is None
    importing.wait()
    print(f"import running when the backup started: {running}, when it ended: {still}")
    print(f"posts at the end {posts_in(home)}")
    round_trip(home, work / "after.tar.gz", work, "after import")
    assert manifest["stats"]["evidence_items"] == args.evidence
    print(f"work folder: {work}")


if __name__ == "__main__":
    main()
