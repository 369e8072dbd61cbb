"""Training and evaluating the linear model (scikit-learn used only here).

`train(base, extra)` fits one logistic regression per label on the
featuriser's TF-IDF rows, estimates its quality by stratified 5-fold
cross-validation (vocabulary refitted inside every fold, so no test text
leaks into the features), chooses each label's threshold on the out-of-fold
scores as the lowest one whose precision reaches the target, and returns a
`LinearModel` whose ``meta`` carries the metrics.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from .features import Featurizer
from .linear import LinearModel

# Dataset columns -> Pantau labels (docs/detection.md explains each choice).
LABEL_COLUMNS = {
    "ujaran_kebencian": ["HS"],
    "sara": ["HS_Religion", "HS_Race"],
    "penghinaan": ["HS_Individual"],
    "hasutan": ["HS_Strong"],
    "kasar": ["Abusive"],
}
MODEL_LABELS = list(LABEL_COLUMNS)
SEED = 20241127
TARGET_PRECISION = 0.8
# Election posts are far less often abusive than the tweets of the training
# set (HS 42%, abusive 38%): thresholds are chosen for the target precision
# at this prevalence, by weighting the negatives, so the model stays precise
# on a stream where most posts are harmless.
ASSUMED_PREVALENCE = 0.1
C = 4.0
REVIEW_WEIGHT = 2.0


@dataclass
class Example:
    text: str
    labels: dict[str, int]  # only the labels known for this text
    weight: float = 1.0


def read_dataset(path: Path | str) -> list[Example]:
    """Ibrohim & Budi (2019) re_dataset.csv: latin-1, 0/1 columns."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    with _open_text(path) as fh:
        reader = csv.DictReader(fh)
        missing = {c for cols in LABEL_COLUMNS.values() for c in cols} - set(reader.fieldnames or [])
        if "Tweet" not in (reader.fieldnames or []) or missing:
            raise ValueError(f"{path.name}: expected the columns Tweet and {', '.join(sorted(missing))}")
        out = []
        for row in reader:
            labels = {lab: int(any(row[c].strip() == "1" for c in cols)) for lab, cols in LABEL_COLUMNS.items()}
            out.append(Example(row["Tweet"], labels))
    return out


def _open_text(path: Path):
    """The dataset as text, whether shipped gzip-compressed or as the authors published it."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="latin-1", newline="")
    return open(path, encoding="latin-1", newline="")


def data_fingerprint(path: Path | str) -> str:
    """SHA-256 prefix of the data's bytes (uncompressed, so the shipped copy matches the published file)."""
    path = Path(path)
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return hashlib.sha256(data).hexdigest()[:16]


def _fit_label(x, y, w, seed):
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=3000, random_state=seed)
    clf.fit(x, y, sample_weight=w)
    return clf


def _negative_weight(y: np.ndarray) -> float:
    """How much one negative counts so that positives make ASSUMED_PREVALENCE of the data."""
    prevalence = float(y.mean())
    if prevalence <= ASSUMED_PREVALENCE or prevalence >= 1:
        return 1.0
    return (prevalence / (1 - prevalence)) / (ASSUMED_PREVALENCE / (1 - ASSUMED_PREVALENCE))


def adjusted_precision(y: np.ndarray, pred: np.ndarray) -> float:
    tp = float((pred & (y == 1)).sum())
    fp = float((pred & (y == 0)).sum()) * _negative_weight(y)
    return tp / (tp + fp) if tp + fp else 0.0


def _threshold_for(y: np.ndarray, p: np.ndarray, target: float) -> float:
    best = 0.95
    for t in np.arange(0.95, 0.049, -0.01):
        pred = p >= t
        if pred.sum() == 0:
            continue
        if adjusted_precision(y, pred) >= target:
            best = float(t)
        else:
            break
    return round(best, 2)


def _metrics(y: np.ndarray, p: np.ndarray, threshold: float) -> dict:
    from sklearn.metrics import f1_score, precision_score, recall_score

    pred = p >= threshold
    return {
        "positives": int(y.sum()),
        "n": int(len(y)),
        "threshold": threshold,
        "precision": round(float(precision_score(y, pred, zero_division=0)), 4),
        "precision_at_assumed_prevalence": round(adjusted_precision(y, pred), 4),
        "recall": round(float(recall_score(y, pred, zero_division=0)), 4),
        "f1": round(float(f1_score(y, pred, zero_division=0)), 4),
        "macro_f1_at_0_5": round(float(f1_score(y, p >= 0.5, average="macro", zero_division=0)), 4),
        "macro_f1": round(float(f1_score(y, pred, average="macro", zero_division=0)), 4),
    }


def train(
    examples: list[Example],
    tokenize: Callable[[str], list[str]],
    folds: int = 5,
    seed: int = SEED,
    target_precision: float = TARGET_PRECISION,
    progress: Callable[[str], None] = lambda msg: None,
    meta: dict | None = None,
) -> LinearModel:
    from sklearn.model_selection import StratifiedKFold

    docs = [tokenize(e.text) for e in examples]
    weights = np.array([e.weight for e in examples], dtype=np.float64)
    known = {lab: np.array([lab in e.labels for e in examples]) for lab in MODEL_LABELS}
    ys = {lab: np.array([e.labels.get(lab, 0) for e in examples]) for lab in MODEL_LABELS}
    oof = {lab: np.full(len(examples), np.nan) for lab in MODEL_LABELS}
    strat = ys["ujaran_kebencian"] * 2 + ys["kasar"]
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for k, (tr, te) in enumerate(splitter.split(np.zeros(len(docs)), strat), start=1):
        progress(f"cross-validation fold {k}/{folds}")
        feat = Featurizer.fit([docs[i] for i in tr])
        xtr, xte = feat.transform([docs[i] for i in tr]), feat.transform([docs[i] for i in te])
        for lab in MODEL_LABELS:
            mask = known[lab][tr]
            if ys[lab][tr][mask].sum() < 5:
                continue
            clf = _fit_label(xtr[mask], ys[lab][tr][mask], weights[tr][mask], seed)
            oof[lab][te] = clf.predict_proba(xte)[:, 1]
    progress("final fit")
    feat = Featurizer.fit(docs)
    x = feat.transform(docs)
    coef = np.zeros((len(feat.terms), len(MODEL_LABELS)), dtype=np.float32)
    intercept = np.zeros(len(MODEL_LABELS), dtype=np.float32)
    thresholds, metrics = {}, {}
    for j, lab in enumerate(MODEL_LABELS):
        mask = known[lab] & ~np.isnan(oof[lab])
        if ys[lab][known[lab]].sum() < 5 or not mask.any():
            intercept[j] = -20.0  # no data for this label: the model never fires it
            thresholds[lab] = 0.99
            continue
        clf = _fit_label(x[known[lab]], ys[lab][known[lab]], weights[known[lab]], seed)
        coef[:, j] = clf.coef_[0]
        intercept[j] = clf.intercept_[0]
        thresholds[lab] = max(0.5, _threshold_for(ys[lab][mask], oof[lab][mask], target_precision))
        metrics[lab] = _metrics(ys[lab][mask], oof[lab][mask], thresholds[lab])
    info = dict(meta or {})
    info.update(
        {
            "version": info.get("version") or datetime.now(UTC).strftime("%Y%m%d-%H%M%S"),
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "algorithm": "TF-IDF word 1-2-grams + char_wb 2-5-grams, logistic regression per label "
            f"(C={C}, class_weight=balanced)",
            "seed": seed,
            "folds": folds,
            "target_precision": target_precision,
            "assumed_prevalence": ASSUMED_PREVALENCE,
            "examples": len(examples),
            "metrics": metrics,
        }
    )
    return LinearModel(feat, MODEL_LABELS, coef, intercept, thresholds, info)
