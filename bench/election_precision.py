"""Precision and recall of `pantau detect` on election posts written for this check (prints figures; not a test).

    .venv/bin/python bench/election_precision.py [FILE] [--factchecks CSV]

`--factchecks` loads fact-checks as an office would (default
bench/data/election_factchecks.csv, the two hoaxes' debunks; `--factchecks
none` for none): without a fact-check `hoaks` is never flagged, by design.

FILE (default bench/data/election_posts.jsonl) holds one JSON object per
line: {"text": ..., "labels": [expected labels], "time": optional ISO time}.
The shipped set is 60 posts about a regency's Pilkada, 40 lawful (news,
programme criticism, faith and ethnicity mentioned peacefully, local
dialect, debunked hoaxes) and 20 violations, written after the lexicons and
thresholds were set and not used to tune them. It is small: read its figures
as a smoke test of precision on the domain, not as a measurement.

`positif` is not scored. `ujaran_kebencian` (general hate speech) counts as
right on a post expected to carry `sara`, `penghinaan` or `hasutan`.
"""

import json
import os
import sys
from collections import Counter
from pathlib import Path

HATE = {"sara", "penghinaan", "hasutan"}
UNSCORED = {"positif"}
DATA = Path(__file__).with_name("data")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pantau.settings")
    from pantau.detection.engine import default_detector
    from pantau.detection.factchecks import parse_file

    args = sys.argv[1:]
    factchecks = DATA / "election_factchecks.csv"
    if "--factchecks" in args:
        at = args.index("--factchecks")
        factchecks = None if args[at + 1] == "none" else Path(args[at + 1])
        del args[at : at + 2]
    path = Path(args[0]) if args else DATA / "election_posts.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    detector = default_detector()
    if factchecks is not None:
        items = parse_file(factchecks.name, factchecks.read_bytes())
        detector = detector.with_factchecks(
            [{"id": i, "claim": c["claim"], "url": c["url"]} for i, c in enumerate(items) if c["is_false"]]
        )
        print(f"fact-checks: {len(items)} from {factchecks}")
    results = detector.classify([r["text"] for r in rows], [r.get("time") for r in rows])
    tp, fp, fn = Counter(), Counter(), Counter()
    flagged_posts = right_posts = 0
    for row, result in zip(rows, results, strict=True):
        expected = set(row["labels"])
        got = set(result["flagged"]) - UNSCORED
        if "ujaran_kebencian" in got and expected & HATE:
            expected.add("ujaran_kebencian")
        for label in got & expected:
            tp[label] += 1
        for label in got - expected:
            fp[label] += 1
            print(f"false {label}: {row['text'][:90]}")
        for label in expected - got:
            fn[label] += 1
            print(f"missed {label}: {row['text'][:90]}")
        if got:
            flagged_posts += 1
            right_posts += bool(expected)
    print(f"\n{len(rows)} posts, {sum(1 for r in rows if r['labels'])} with a violation")
    print(f"posts flagged: {flagged_posts}, of which with a violation: {right_posts}", end="")
    print(f" (post-level precision {right_posts / flagged_posts:.2f})" if flagged_posts else "")
    print(f"\n{'label':<18} {'tp':>3} {'fp':>3} {'fn':>3} {'precision':>9} {'recall':>6}")
    for label in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else float("nan")
        r = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else float("nan")
        print(f"{label:<18} {tp[label]:>3} {fp[label]:>3} {fn[label]:>3} {p:>9.2f} {r:>6.2f}")


if __name__ == "__main__":
    main()
