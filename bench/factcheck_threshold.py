"""Measure fact-check matching on tests/data/factcheck_pairs.json: precision/recall per threshold and score.

    .venv/bin/python bench/factcheck_threshold.py

A post counts as found when its best claim is the right one and reaches the
threshold; a post matched to a wrong claim, or a same-topic post matched to
any claim, is a false alarm. Scores from character 3-5-gram cosine alone
(word weight 0) to the share of the claim's words found in the post alone
(1) are swept; for each weight the threshold with the highest recall at a
precision of at least 0.9 (TARGET) is printed, and the best of them is what
factchecks.MATCH_THRESHOLD and WORD_WEIGHT hold.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pantau.detection.factchecks import MATCH_THRESHOLD, WORD_WEIGHT, FactCheckMatcher  # noqa: E402
from pantau.detection.normalising import build_normalizer  # noqa: E402

MEASURED_SET = ROOT / "tests" / "data" / "factcheck_pairs.json"
TARGET = 0.9
WEIGHTS = (0.0, 0.25, 0.4, 0.5, 0.6, 0.75, 1.0)


def measure(threshold: float, data: dict, normalizer, word_weight: float = WORD_WEIGHT) -> dict:
    entries = [
        {"id": i, "claim": c, "url": "", "normalised": normalizer.normalize(c)} for i, c in enumerate(data["claims"])
    ]
    matcher = FactCheckMatcher(entries, threshold, word_weight)
    matches = matcher.match([normalizer.normalize(p["text"]) for p in data["posts"]])
    tp = sum(1 for p, m in zip(data["posts"], matches, strict=True) if m and m["id"] == p["claim"])
    fp = sum(1 for p, m in zip(data["posts"], matches, strict=True) if m and m["id"] != p["claim"])
    positives = sum(1 for p in data["posts"] if p["claim"] is not None)
    precision, recall = tp / max(tp + fp, 1), tp / positives
    return {
        "word_weight": word_weight,
        "threshold": threshold,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(2 * precision * recall / max(precision + recall, 1e-9), 3),
    }


def main():
    data = json.loads(MEASURED_SET.read_text(encoding="utf-8"))
    normalizer = build_normalizer()
    print(f"{len(data['claims'])} claims, {len(data['posts'])} posts; in use: weight {WORD_WEIGHT}, threshold "
          f"{MATCH_THRESHOLD}")  # fmt: skip
    chosen = []
    for weight in WEIGHTS:
        rows = [measure(step / 100, data, normalizer, weight) for step in range(30, 90)]
        for row in rows[::5]:
            print(json.dumps(row))
        precise = [r for r in rows if r["precision"] >= TARGET]
        if precise:
            chosen.append(max(precise, key=lambda r: (r["recall"], -r["threshold"])))
    print(f"highest recall at precision >= {TARGET}, per weight:")
    for row in chosen:
        print(json.dumps(row))


if __name__ == "__main__":
    main()
