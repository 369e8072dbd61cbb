"""Import throughput: `pantau import` of gen_posts.py's posts.jsonl into a fresh SQLite (or DATABASE_URL).

    python3 bench/import_bench.py [--posts 100000] [--keep DIR] [--data DIR]

Prints posts/s, CPU seconds and peak memory for the first import (into a
PANTAU_HOME never migrated: `pantau import` prepares it; how long that
preparation takes alone is measured first on a scratch home), the re-import
(all duplicates), the count afterwards (which must be the number of posts)
and what a full-text search finds, and the machine's load average before
and after: on a shared machine wall times follow the load, CPU seconds less so.
Uses /work/shared/bench/gen_posts.py (or --generator PATH); `--data DIR`
imports DIR/posts.jsonl, written by an earlier run of it (385 MiB for 1M posts), instead.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEARCH = (
    "from pantau.intake.models import Post; from pantau.intake.search import search_posts; "
    "print(search_posts(Post.objects.all(), 'kampanye').count())"
)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--generator", default=str(ROOT.parent.parent / "shared" / "bench" / "gen_posts.py"))
    parser.add_argument("--keep", help="keep the PANTAU_HOME here instead of a temporary folder")
    parser.add_argument("--data", help="gen_posts.py's output for --posts posts, generated before")
    args = parser.parse_args()
    home = Path(args.keep or tempfile.mkdtemp(prefix="pantau-bench-"))
    home.mkdir(parents=True, exist_ok=True)
    data = Path(args.data) if args.data else _generate(args, home / "data")
    env = {**os.environ, "PANTAU_HOME": str(home)}
    pantau = [sys.executable, "-m", "pantau"]
    print(f"load average before: {_load()}; {os.cpu_count()} CPUs")
    scratch = Path(tempfile.mkdtemp(prefix="pantau-bench-prepare-"))
    start = time.perf_counter()
    subprocess.run([*pantau, "migrate", "-v0"], env={**env, "PANTAU_HOME": str(scratch)}, check=True, cwd=ROOT)
    shutil.rmtree(scratch)
    print(f"preparing an empty home (included in the first import below): {time.perf_counter() - start:.1f} s wall")
    for label in ("first import", "re-import"):
        start = time.perf_counter()
        cpu = os.times()
        subprocess.run([*pantau, "import", str(data / "posts.jsonl"), "--no-progress"], env=env, check=True, cwd=ROOT)
        wall = time.perf_counter() - start
        after = os.times()
        cpu_s = (after.children_user - cpu.children_user) + (after.children_system - cpu.children_system)
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"{label}: {args.posts} posts in {wall:.1f} s wall ({args.posts / wall:,.0f} posts/s), "
            f"{cpu_s:.1f} s CPU, peak memory so far {peak_mib:,.0f} MiB"
        )
    stats = subprocess.run([*pantau, "stats", "--json"], env=env, check=True, cwd=ROOT, capture_output=True, text=True)
    posts = json.loads(stats.stdout)["posts"]
    print("posts after both:", posts, "(as many as in the file)" if posts == args.posts else "(NOT the file's count)")
    found = subprocess.run(
        [*pantau, "shell", "-c", SEARCH], env=env, check=True, cwd=ROOT, capture_output=True, text=True
    )
    print("full-text search for 'kampanye' finds:", found.stdout.strip().splitlines()[-1], "posts")
    print(f"load average after: {_load()}")
    if posts != args.posts:
        sys.exit(f"expected {args.posts} posts, found {posts}")


def _generate(args, data: Path) -> Path:
    generator = Path(args.generator)
    if not generator.exists():
        generator = Path("/work/shared/bench/gen_posts.py")
    subprocess.run(
        [sys.executable, str(generator), "--posts", str(args.posts), "--out", str(data)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return data


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
