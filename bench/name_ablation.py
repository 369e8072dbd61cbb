"""Ablation: are praise and criticism of a named candidate scored by their words, not the name?

    .venv/bin/python bench/name_ablation.py --unmasked DIR [--write-card]
    .venv/bin/python bench/name_ablation.py --train-unmasked DATA [--write-card]

The same sentences of praise and of criticism are scored with each name of
NAMES put in; for every sentence and label the spread (highest minus lowest
score over the names) is measured, with the shipped masked model and with a
model trained the same way without masking (DIR, e.g. the previous shipped
model, or trained here from DATA with `--train-unmasked`, which takes minutes).
With masking every name reads `_nama_`, so the spread must be 0. It prints
the figures and with --write-card puts them into the model card, between the
markers NAME_ABLATION_START/END.
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Names the training tweets carry with very different rates of hate speech (Ahok 91%, Jokowi 70%),
# and two invented local ones the data never saw.
NAMES = ["Jokowi", "Prabowo", "Ahok", "Anies", "Sandiaga", "Megawati", "Ganjar", "Ridwan Kamil"]
PRAISE = [
    "{name} pemimpin yang jujur dan amanah, kerjanya nyata untuk rakyat",
    "Terima kasih {name}, jalan desa kami akhirnya diperbaiki",
    "Saya dukung {name} karena programnya jelas dan masuk akal",
    "{name} rendah hati dan mau mendengar warga",
]
CRITICISM = [
    "{name} goblok, tidak becus mengurus rakyat",
    "Dasar {name} pembohong, janjinya palsu semua",
    "{name} itu bodoh dan tidak tahu malu",
    "Muak lihat muka {name}, bangsat memang",
]
LABELS = ["ujaran_kebencian", "penghinaan", "kasar"]
START, END = "<!-- NAME_ABLATION_START -->", "<!-- NAME_ABLATION_END -->"
CARD = ROOT / "pantau" / "detection" / "model" / "MODEL_CARD.md"


def model_scores(detector, sentences: list[str]):
    """Calibrated model scores (0.5 flags) per sentence: the learnt part only, the lexicons left out."""
    from pantau.detection.combination import calibrated

    docs = [detector.normalizer.tokens(s) for s in sentences]
    if detector.masker:
        docs = [detector.masker.mask(d) for d in docs]
    probs, _ = detector.model.scores(docs)
    scaled = calibrated(probs, detector._thresholds)
    return {lab: scaled[:, detector.model.labels.index(lab)].tolist() for lab in LABELS}


def ablation(detector) -> dict:
    """Per kind of sentence and label: the mean and the largest spread over the names, and the mean score."""
    out = {}
    for kind, templates in (("praise", PRAISE), ("criticism", CRITICISM)):
        rows = {lab: {"spreads": [], "scores": []} for lab in LABELS}
        for template in templates:
            scores = model_scores(detector, [template.format(name=n) for n in NAMES])
            for lab in LABELS:
                rows[lab]["spreads"].append(max(scores[lab]) - min(scores[lab]))
                rows[lab]["scores"].extend(scores[lab])
        out[kind] = {
            lab: {
                "mean_spread": round(sum(r["spreads"]) / len(r["spreads"]), 3),
                "max_spread": round(max(r["spreads"]), 3),
                "mean_score": round(sum(r["scores"]) / len(r["scores"]), 3),
            }
            for lab, r in rows.items()
        }
    return out


def train_unmasked(data: str, target: Path) -> Path:
    from pantau.detection.normalising import build_normalizer
    from pantau.detection.training import read_dataset, train

    model = train(read_dataset(data), build_normalizer().tokens, progress=print, meta={"version": "unmasked"})
    model.save(target)
    return target


def table(masked: dict, unmasked: dict, masked_meta: dict, unmasked_meta: dict) -> str:
    lines = [
        START,
        "## Ablation: names, mentions and pronouns masked",
        "",
        "`bench/name_ablation.py` scores the same sentences of praise and of criticism with",
        f"each of {len(NAMES)} names put in ({', '.join(NAMES)}) and measures, per sentence and",
        "label, the spread of the model's calibrated score over the names (0.5 flags). With",
        "masking every name reads `_nama_`: the spread is 0, and praise is told from",
        "criticism by its words. Without masking (the same training, names left in) the",
        "name alone moves the score, since the training tweets name some people far more",
        "often in hate speech than others.",
        "",
        "| sentences | label | spread over names, masked (mean / max) | unmasked (mean / max) "
        "| mean score, masked | unmasked |",
        "|---|---|---|---|---|---|",
    ]
    for kind in ("praise", "criticism"):
        for lab in LABELS:
            m, u = masked[kind][lab], unmasked[kind][lab]
            lines.append(
                f"| {kind} | {lab} | {m['mean_spread']:.3f} / {m['max_spread']:.3f} "
                f"| {u['mean_spread']:.3f} / {u['max_spread']:.3f} | {m['mean_score']:.3f} | {u['mean_score']:.3f} |"
            )
    lines += ["", "Cross-validated macro-F1 at 0.5 on the training data, the cost of masking:", ""]
    lines += ["| label | masked | unmasked |", "|---|---|---|"]
    for lab in masked_meta.get("metrics", {}):
        m = masked_meta["metrics"][lab].get("macro_f1_at_0_5")
        u = unmasked_meta.get("metrics", {}).get(lab, {}).get("macro_f1_at_0_5")
        lines.append(f"| {lab} | {m} | {u} |")
    lines.append(END)
    return "\n".join(lines) + "\n"


def write_card(section: str) -> None:
    text = CARD.read_text(encoding="utf-8")
    if START in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) + 1 :]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    CARD.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    arm = parser.add_mutually_exclusive_group(required=True)
    arm.add_argument("--unmasked", help="directory of a model trained without masking")
    arm.add_argument("--train-unmasked", metavar="DATA", help="train one from the base data first")
    parser.add_argument("--write-card", action="store_true", help="put the figures into MODEL_CARD.md")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pantau.settings")
    from pantau.detection.engine import load_detector
    from pantau.detection.linear import SHIPPED_MODEL_DIR

    unmasked_dir = Path(args.unmasked) if args.unmasked else train_unmasked(args.train_unmasked, Path("unmasked"))
    masked, unmasked = load_detector(SHIPPED_MODEL_DIR), load_detector(unmasked_dir)
    if not masked.masker or unmasked.masker:
        sys.exit("the shipped model must be trained masked and the other one not")
    figures = {"masked": ablation(masked), "unmasked": ablation(unmasked)}
    print(json.dumps(figures, indent=1))
    if args.write_card:
        write_card(table(figures["masked"], figures["unmasked"], masked.model.meta, unmasked.model.meta))
        print(f"written into {CARD}")


if __name__ == "__main__":
    main()
