"""Measure fact-check matching on bench/factcheck_pairs.json and print precision/recall per threshold.

    .venv/bin/python bench/factcheck_threshold.py

A post counts as found when its best claim is the right one and reaches the
threshold; a same-topic post matched to any claim is a false alarm.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pantau.detection.factchecks import FactCheckMatcher  # noqa: E402
from pantau.detection.normalising import build_normalizer  # noqa: E402


def measure(threshold: float, data: dict, normalizer) -> dict:
    entries = [
        {"id": i, "claim": c, "url": "", "normalised": normalizer.normalize(c)} for i, c in enumerate(data["claims"])
    ]
    matches = FactCheckMatcher(entries, threshold).match([normalizer.normalize(p["text"]) for p in data["posts"]])
    tp = sum(1 for p, m in zip(data["posts"], matches, strict=True) if m and m["id"] == p["claim"])
    fp = sum(1 for p, m in zip(data["posts"], matches, strict=True) if m and m["id"] != p["claim"])
    positives = sum(1 for p in data["posts"] if p["claim"] is not None)
    return {"threshold": threshold, "precision": round(tp / max(tp + fp, 1), 3), "recall": round(tp / positives, 3)}


def main():
    data = json.loads((ROOT / "bench" / "factcheck_pairs.json").read_text(encoding="utf-8"))
    normalizer = build_normalizer()
    for step in range(10, 75, 5):
        print(json.dumps(measure(step / 100, data, normalizer)))


if __name__ == "__main__":
    main()
