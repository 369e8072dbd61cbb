"""Rebuild the shipped detection model (seeded: the same data gives the same files).

    .venv/bin/python scripts/train_model.py /work/shared/data/id-hatespeech-ibrohim2019/re_dataset.csv

Writes pantau/detection/model/ (model.json, vocabulary.json, weights.npz and
MODEL_CARD.md, with the cross-source figures and the detector's confusion on
the project's own election posts, bench/data/election_posts.jsonl).
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSION = "lr-2026.12.2"

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    subprocess.run(
        [sys.executable, "-m", "pantau.cli", "model", "train", "--data", sys.argv[1],
         "--out", str(ROOT / "pantau" / "detection" / "model"), "--version", VERSION,
         "--cross-source", "--check-posts", str(ROOT / "bench" / "data" / "election_posts.jsonl")],
        check=True, cwd=ROOT,
    )  # fmt: skip
