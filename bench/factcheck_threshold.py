"""Measure fact-check matching on tests/data/factcheck_pairs.json: precision/recall per threshold and score.

    .venv/bin/python bench/factcheck_threshold.py

A post counts as found when its best claim is the right one and reaches the
threshold; a post matched to a wrong claim, or a same-topic post matched to
any claim, is a false alarm. Three scores are swept: character 3-5-gram
cosine alone (word weight 0), the claim's words found in the post alone
(1), and their mean (0.5, the one chosen); the best F1 of each is printed last.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pantau.detection.engine import build_normalizer  # noqa: E402
from pantau.detection.factchecks import WORD_WEIGHT, FactCheckMatcher  # noqa: E402

MEASURED_SET = ROOT / "tests" / "data" / "factcheck_pairs.json"


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
    best = {}
    for weight in (0.0, 1.0, 0.5):
        for step in range(30, 80, 1):
            row = measure(step / 100, data, normalizer, weight)
            if step % 5 == 0 or step == 53:
                print(json.dumps(row))
            if row["f1"] > best.get(weight, {"f1": -1})["f1"]:
                best[weight] = row
    print(f"{len(data['claims'])} claims, {len(data['posts'])} posts; best F1 per score:")
    for row in best.values():
        print(json.dumps(row))


if __name__ == "__main__":
    main()
