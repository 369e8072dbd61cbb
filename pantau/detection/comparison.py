"""Before/after comparison of a candidate model, and whether it may be activated.

A retrained candidate is compared with the active model twice: on the base
data (the cross-validated macro-F1 of every base label, whose folds do not
move when reviews are added) and on the held-back part of the office's
reviews (decisions the candidate never trained on, replayed through both
detectors, lexicons and fact-checks included). A candidate worse on either
is not offered for activation, and the reasons say where.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .training import MODEL_LABELS, confusion

# A base label's macro-F1 may fall by this much (fold noise) before the candidate counts as worse.
BASE_TOLERANCE = 0.01


def on_decisions(detector, items: Sequence[tuple[str, object, dict[str, int]]]) -> dict:
    """How a detector agrees with analysts' decisions: (text, posted_at, {label: 1 confirmed / 0 rejected})."""
    if not items:
        return {"decisions": 0, "agreement": None, "labels": {}}
    results = detector.classify([t for t, _, _ in items], [w for _, w, _ in items], explain=False)
    per_label: dict[str, tuple[list[int], list[bool]]] = {}
    for (_, _, labels), result in zip(items, results, strict=True):
        for label, truth in labels.items():
            ys, preds = per_label.setdefault(label, ([], []))
            ys.append(truth)
            preds.append(label in result["flagged"])
    by_label = {}
    right = total = 0
    for label, (ys, preds) in sorted(per_label.items()):
        table = confusion(np.array(ys), np.array(preds))
        right += table["tp"] + table["tn"]
        total += len(ys)
        by_label[label] = dict(table, agreement=round((table["tp"] + table["tn"]) / len(ys), 4))
    return {"decisions": total, "agreement": round(right / total, 4), "labels": by_label}


def compare(old: dict, new: dict, old_reviews: dict, new_reviews: dict) -> dict:
    """The comparison stored in the candidate's model.json: figures side by side, offered or not, and why."""
    reasons = []
    base = []
    for label in MODEL_LABELS:
        o = (old.get("metrics") or {}).get(label, {}).get("macro_f1_at_0_5")
        n = (new.get("metrics") or {}).get(label, {}).get("macro_f1_at_0_5")
        base.append({"label": label, "old": o, "new": n})
        if o is not None and (n is None or n < o - BASE_TOLERANCE):
            reasons.append({"kind": "base", "label": label, "old": o, "new": n})
    o, n = old_reviews.get("agreement"), new_reviews.get("agreement")
    if o is not None and n is not None and n < o:
        reasons.append({"kind": "reviews", "old": o, "new": n, "decisions": new_reviews["decisions"]})
    return {
        "against": old.get("version"),
        "base": base,
        "reviews": {"old": old_reviews, "new": new_reviews},
        "offered": not reasons,
        "reasons": reasons,
    }


def refusal(meta: dict) -> list[dict]:
    """Why a stored model is not offered for activation (empty: it is)."""
    comparison = meta.get("comparison") or {}
    return [] if comparison.get("offered", True) else list(comparison.get("reasons") or [])


def describe(reason: dict) -> str:
    """One reason as the office reads it (Indonesian first, through gettext)."""
    from django.utils.translation import gettext as _

    from .taxonomy import label_name

    if reason["kind"] == "base":
        return _("worse on the base data: %(label)s macro-F1 %(old)s → %(new)s") % {
            "label": label_name(reason["label"]),
            "old": reason["old"],
            "new": reason["new"] if reason["new"] is not None else "—",
        }
    return _("worse on the held-back reviews: agreement %(old)s → %(new)s over %(n)s decisions") % {
        "old": reason["old"],
        "new": reason["new"],
        "n": reason["decisions"],
    }


def describe_in_english(reason: dict) -> str:
    """The same for the command line and for the error raised on activation."""
    if reason["kind"] == "base":
        return f"worse on the base data: {reason['label']} macro-F1 {reason['old']} -> {reason['new']}"
    return (
        f"worse on the held-back reviews: agreement {reason['old']} -> {reason['new']} "
        f"over {reason['decisions']} decisions"
    )
