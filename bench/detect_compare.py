"""Do two checkouts of Pantau give the same `pantau detect` results? (prints figures; not a test)

    .venv/bin/python bench/detect_compare.py --other /path/to/main-checkout --posts 5000

Both checkouts classify the same texts (the first --posts lines of the
benchmark's "every text unique" stream, made as bench/detect_bench.py makes it)
with the same PYTHONHASHSEED: the order of a label's lexicon phrases follows
set iteration, which differs from one process to the next otherwise. Prints
how many results differ in scores, flags or explanations, and the first few.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from detect_bench import generate, make_unique  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def detect(checkout: Path, path: Path, env: dict) -> list[dict]:
    out = subprocess.run(
        [sys.executable, "-m", "pantau.cli", "detect", str(path), "--workers", "1"],
        capture_output=True,
        text=True,
        check=True,
        cwd=checkout,
        env=dict(env, PYTHONPATH=str(checkout)),
    )
    return [json.loads(line) for line in out.stdout.splitlines()]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--other", required=True, help="the other checkout (e.g. a `git archive main` copy)")
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--gen", default="/work/shared/bench/gen_posts.py")
    parser.add_argument("--dir", help="where to keep generated texts (default: a temporary folder)")
    args = parser.parse_args()
    work = Path(args.dir or tempfile.mkdtemp(prefix="pantau-compare-"))
    work.mkdir(parents=True, exist_ok=True)
    posts = generate(Path(args.gen), args.posts, work / f"g{args.posts}")
    unique = work / f"g{args.posts}-unique.jsonl"
    if not unique.exists():
        make_unique(posts, unique)
    env = dict(os.environ, PANTAU_HOME=tempfile.mkdtemp(prefix="pantau-compare-home-"), PYTHONHASHSEED="0")
    ours, theirs = detect(ROOT, unique, env), detect(Path(args.other), unique, env)
    if len(ours) != len(theirs):
        sys.exit(f"{len(ours)} results here, {len(theirs)} there")
    differ = {
        what: [i for i, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a.get(what) != b.get(what)]
        for what in ("labels", "flagged", "severity", "explanation")
    }
    flagged = sum(1 for r in ours if r["flagged"])
    print(f"{len(ours)} posts ({flagged} flagged): " + ", ".join(f"{len(v)} differ in {k}" for k, v in differ.items()))
    for i in sorted({i for v in differ.values() for i in v})[:5]:
        print(f"line {i + 1}:")
        print("  here: ", json.dumps(ours[i], ensure_ascii=False))
        print("  there:", json.dumps(theirs[i], ensure_ascii=False))
    sys.exit(1 if any(differ.values()) else 0)


if __name__ == "__main__":
    main()
