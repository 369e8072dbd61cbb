#!/usr/bin/env python3
"""Pantau's coordination detection side by side with the coordination-network-toolkit.

Both run on the same gen_posts.py workload with the same window, similarity
threshold and minimum edge weight; each step runs in its own process, timed
with its peak memory (RSS of the child), and both results are scored with
score_coordination.py (precision and recall over accounts).

    python3 /work/shared/bench/gen_posts.py --posts 100000 --out /tmp/g100k
    .venv/bin/pip install coordination-network-toolkit==1.5.2   # bench only, not a dependency
    .venv/bin/python bench/coordination_bench.py /tmp/g100k [--toolkit-cap 1800] [--skip-toolkit]

Pantau runs `pantau coordination --input posts.jsonl --export edges.csv`
(with the default --measure overlap, and once more with --measure jaccard, the
toolkit's measure); the toolkit runs `compute_networks preprocess`, then
`compute co_similar_tweet` and `compute co_link`, whose edge CSVs are merged.
A toolkit step that runs past --toolkit-cap seconds is stopped and reported
as such (its time is then a lower bound).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SCORE = Path(os.environ.get("PANTAU_SCORE", "/work/shared/bench/score_coordination.py"))


def run(cmd, cap=None):
    """(seconds, peak RSS MiB of this child, finished) for one command; stopped after `cap` seconds."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    timer = threading.Timer(cap, proc.kill) if cap else None
    if timer:
        timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    if timer:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    return seconds, usage.ru_maxrss / 1024, proc.returncode == 0


def score(truth, edges):
    out = subprocess.run([sys.executable, str(SCORE), str(truth), str(edges)], capture_output=True, text=True)
    return out.stdout.strip().splitlines()[0] if out.stdout.strip() else out.stderr.strip()


def graphml_to_csv(source, target, min_weight):
    if not source.exists():
        return
    import networkx as nx

    graph = nx.read_graphml(source)
    with open(target, "w", encoding="utf-8") as out:
        out.write("user_1,user_2\n")
        # the toolkit stores every edge and applies the minimum weight only to --output_file
        for a, b, data in graph.edges(data=True):
            if float(data.get("weight", 0)) >= min_weight:
                out.write(f"{a},{b}\n")


def merge_csv(parts, target):
    with open(target, "w", encoding="utf-8") as out:
        out.write("user_1,user_2,weight\n")
        for part in parts:
            if not part.exists():
                continue
            with open(part, encoding="utf-8") as f:
                next(f, None)
                for line in f:
                    out.write(line)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("workload", type=Path, help="A gen_posts.py output directory.")
    ap.add_argument("--window", type=int, default=900)
    ap.add_argument("--similarity", type=float, default=0.7)
    ap.add_argument("--min-weight", type=int, default=2)
    ap.add_argument("--toolkit-cap", type=float, default=1800, help="Seconds per toolkit step before it is stopped.")
    ap.add_argument("--skip-toolkit", action="store_true")
    args = ap.parse_args()
    truth = args.workload / "truth.json"
    n_posts = sum(1 for _ in open(args.workload / "posts.jsonl", encoding="utf-8"))
    print(
        f"workload {args.workload}: {n_posts} posts; window {args.window}s, similarity {args.similarity}, "
        f"min weight {args.min_weight}"
    )
    common = ["--window", str(args.window), "--similarity", str(args.similarity), "--min-weight", str(args.min_weight)]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        results = []
        for measure in ("overlap", "jaccard"):
            edges = tmp / f"pantau-{measure}.csv"
            cmd = [
                str(BIN / "pantau"),
                "coordination",
                "--input",
                str(args.workload / "posts.jsonl"),
                *common,
                "--measure",
                measure,
                "--export",
                str(edges),
            ]
            seconds, peak, ok = run(cmd)
            results.append((f"pantau ({measure})", seconds, peak, ok, score(truth, edges) if ok else "failed"))
            print(f"{results[-1][0]}: {seconds:.1f} s, peak {peak:.0f} MiB; {results[-1][4]}", flush=True)
        if not args.skip_toolkit:
            db = tmp / "cnt.db"
            tool = str(BIN / "compute_networks")
            total, steps, complete = 0.0, [], True
            peak = 0
            threshold = ["--similarity_threshold", str(args.similarity), "--min_document_size_similarity", "5"]
            network = ["--time_window", str(args.window), "--min_edge_weight", str(args.min_weight)]
            # 1.5.2's --output_file/csv export fails (output_gephi_csv() got 'n_messages'): export GraphML
            for name, cmd in [
                ("preprocess", [tool, str(db), "preprocess", "--format", "csv", str(args.workload / "cnt.csv")]),
                ("co_similar_tweet", [tool, str(db), "compute", "co_similar_tweet", *network, *threshold]),
                ("co_link", [tool, str(db), "compute", "co_link", *network]),
                (
                    "export",
                    [
                        tool,
                        str(db),
                        "export_network",
                        "--output_format",
                        "graphml",
                        str(tmp / "sim.graphml"),
                        "co_similar_tweet",
                    ],
                ),
                (
                    "export",
                    [
                        tool,
                        str(db),
                        "export_network",
                        "--output_format",
                        "graphml",
                        str(tmp / "link.graphml"),
                        "co_link",
                    ],
                ),
            ]:
                seconds, step_peak, ok = run(cmd, cap=args.toolkit_cap)
                peak = max(peak, step_peak)
                total += seconds
                steps.append(f"{name} {seconds:.1f} s{'' if ok else ' (FAILED or STOPPED at the cap)'}")
                print(f"  toolkit {steps[-1]}", flush=True)
                complete = complete and ok
                if not ok:
                    break
            for part in ("sim", "link"):
                graphml_to_csv(tmp / f"{part}.graphml", tmp / f"{part}.csv", args.min_weight)
            merge_csv([tmp / "sim.csv", tmp / "link.csv"], tmp / "toolkit.csv")
            label = "toolkit" if complete else "toolkit (incomplete: a step hit the cap)"
            results.append((label, total, peak, complete, score(truth, tmp / "toolkit.csv")))
            print(f"{label}: {total:.1f} s, peak {peak:.0f} MiB; {results[-1][4]}")
            pantau_seconds = results[0][1]
            print(
                f"speed-up of pantau (overlap) over the toolkit: {total / pantau_seconds:.1f}x"
                f"{'' if complete else ' (at least: the toolkit did not finish)'}"
            )
        print("\n| tool | wall time (s) | peak memory (MiB) | accounts |")
        print("|---|---|---|---|")
        for name, seconds, peak, _ok, scored in results:
            print(f"| {name} | {seconds:.1f} | {peak:.0f} | {scored} |")


if __name__ == "__main__":
    main()
