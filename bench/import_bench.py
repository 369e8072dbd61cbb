"""Import throughput: `pantau import` of gen_posts.py's posts.jsonl into a fresh SQLite (or DATABASE_URL).

    python3 bench/import_bench.py [--posts 100000] [--keep DIR]

Prints posts/s and peak memory for the first import (into a PANTAU_HOME
never migrated: `pantau import` prepares it), the re-import (all duplicates),
the count afterwards, and the machine's load average before and after.
Uses /work/shared/bench/gen_posts.py (or --generator PATH).
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--generator", default=str(ROOT.parent.parent / "shared" / "bench" / "gen_posts.py"))
    parser.add_argument("--keep", help="keep the PANTAU_HOME here instead of a temporary folder")
    args = parser.parse_args()
    generator = Path(args.generator)
    if not generator.exists():
        generator = Path("/work/shared/bench/gen_posts.py")
    home = Path(args.keep or tempfile.mkdtemp(prefix="pantau-bench-"))
    home.mkdir(parents=True, exist_ok=True)
    data = home / "data"
    subprocess.run(
        [sys.executable, str(generator), "--posts", str(args.posts), "--out", str(data)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    env = {**os.environ, "PANTAU_HOME": str(home)}
    pantau = [sys.executable, "-m", "pantau"]
    print(f"load average before: {_load()}; {os.cpu_count()} CPUs")
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
    print("posts after both:", json.loads(stats.stdout)["posts"])
    print(f"load average after: {_load()}")


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
