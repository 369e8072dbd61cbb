"""Training and evaluating the linear model (scikit-learn used only here).

`train(base, extra)` fits one logistic regression per label on the
featuriser's TF-IDF rows, estimates its quality by stratified 5-fold
cross-validation (vocabulary refitted inside every fold, so no test text
leaks into the features), chooses each label's threshold on the out-of-fold
scores as the lowest one whose precision reaches the target, and returns a
`LinearModel` whose ``meta`` carries the metrics.

The office's reviews join the fit in two ways: on the five labels of the
base data they are extra rows (weight REVIEW_WEIGHT); on the lexicon-driven
labels (HEAD_LABELS) a label with at least HEAD_MIN_REVIEWS decisions, both
kinds among them, gets a head of its own: a logistic regression on the same
features, fitted on those decisions alone, that the detector combines with
the label's patterns like any model label. The metrics of the base labels
are measured on the base rows only, in folds that do not move when reviews
are added, so two models' figures on the base data compare like for like.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from .features import Featurizer
from .linear import LinearModel
from .taxonomy import LABELS

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
# Labels no text model may learn: a hoax is known from a fact-check, never guessed from tone,
# and off-schedule campaigning from the post's time against the schedule.
NEVER_LEARNT = ("hoaks", "luar_jadwal")
HEAD_LABELS = [lab for lab in LABELS if lab not in LABEL_COLUMNS and lab not in NEVER_LEARNT]
# A lexicon label gets its own head from this many review decisions, with at least
# HEAD_MIN_EACH confirmed and HEAD_MIN_EACH rejected among them (docs/detection.md).
HEAD_MIN_REVIEWS = 30
HEAD_MIN_EACH = 5


@dataclass
class Example:
    text: str
    labels: dict[str, int]  # only the labels known for this text
    weight: float = 1.0
    source: str = "base"  # "base" (the dataset) or "review" (an analyst's decisions on a post)
    post_id: int | None = None
    posted_at: object = None


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


def plain_precision(y: np.ndarray, pred: np.ndarray) -> float:
    tp = float((pred & (y == 1)).sum())
    return tp / float(pred.sum()) if pred.sum() else 0.0


def _threshold_for(y: np.ndarray, p: np.ndarray, target: float, precision=adjusted_precision) -> float:
    best = 0.95
    for t in np.arange(0.95, 0.049, -0.01):
        pred = p >= t
        if pred.sum() == 0:
            continue
        if precision(y, pred) >= target:
            best = float(t)
        else:
            break
    return round(best, 2)


def _metrics(y: np.ndarray, p: np.ndarray, threshold: float) -> dict:
    from sklearn.metrics import f1_score, precision_score, recall_score

    pred = p >= threshold
    return {
        **confusion(y, pred),
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


def confusion(y: np.ndarray, pred: np.ndarray) -> dict:
    """The label's confusion table: true/false positives and negatives."""
    y = np.asarray(y) == 1
    pred = np.asarray(pred, dtype=bool)
    return {
        "tp": int((pred & y).sum()),
        "fp": int((pred & ~y).sum()),
        "fn": int((~pred & y).sum()),
        "tn": int((~pred & ~y).sum()),
    }


def _folds(examples: list[Example], ys: dict, folds: int, seed: int) -> np.ndarray:
    """Each example's fold: base rows stratified on HS x Abusive as before, reviews dealt out
    separately, so adding reviews leaves the base rows' folds (and so their figures) as they were."""
    from sklearn.model_selection import StratifiedKFold

    fold = np.zeros(len(examples), dtype=np.int64)
    base = np.array([e.source == "base" for e in examples])
    strat = (ys["ujaran_kebencian"] * 2 + ys["kasar"])[base]
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    base_rows = np.flatnonzero(base)
    for k, (_, te) in enumerate(splitter.split(np.zeros(len(base_rows)), strat)):
        fold[base_rows[te]] = k
    others = np.flatnonzero(~base)
    fold[others] = np.random.default_rng(seed).permutation(len(others)) % folds
    return fold


def train(
    examples: list[Example],
    tokenize: Callable[[str], list[str]],
    folds: int = 5,
    seed: int = SEED,
    target_precision: float = TARGET_PRECISION,
    progress: Callable[[str], None] = lambda msg: None,
    meta: dict | None = None,
) -> LinearModel:
    docs = [tokenize(e.text) for e in examples]
    weights = np.array([e.weight for e in examples], dtype=np.float64)
    known = {lab: np.array([lab in e.labels for e in examples]) for lab in MODEL_LABELS}
    ys = {lab: np.array([e.labels.get(lab, 0) for e in examples]) for lab in MODEL_LABELS}
    base = np.array([e.source == "base" for e in examples])
    oof = {lab: np.full(len(examples), np.nan) for lab in MODEL_LABELS}
    fold = _folds(examples, ys, folds, seed)
    for k in range(folds):
        progress(f"cross-validation fold {k + 1}/{folds}")
        tr, te = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
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
        mask = known[lab] & ~np.isnan(oof[lab]) & base
        if ys[lab][known[lab]].sum() < 5 or not mask.any():
            intercept[j] = -20.0  # no data for this label: the model never fires it
            thresholds[lab] = 0.99
            continue
        clf = _fit_label(x[known[lab]], ys[lab][known[lab]], weights[known[lab]], seed)
        coef[:, j] = clf.coef_[0]
        intercept[j] = clf.intercept_[0]
        thresholds[lab] = max(0.5, _threshold_for(ys[lab][mask], oof[lab][mask], target_precision))
        metrics[lab] = _metrics(ys[lab][mask], oof[lab][mask], thresholds[lab])
    heads = fit_heads([e for e in examples if e.source == "review"], feat, tokenize, folds, seed, target_precision)
    labels = MODEL_LABELS + list(heads)
    if heads:
        coef = np.hstack([coef, np.column_stack([h["coef"] for h in heads.values()]).astype(np.float32)])
        intercept = np.concatenate([intercept, np.array([h["intercept"] for h in heads.values()], np.float32)])
        thresholds.update({lab: h["threshold"] for lab, h in heads.items()})
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
            "heads": {lab: h["info"] for lab, h in heads.items()},
            "heads_rule": f"a lexicon label with >= {HEAD_MIN_REVIEWS} review decisions "
            f"(>= {HEAD_MIN_EACH} confirmed and rejected each) whose cross-validated precision reaches the target",
            "heads_refused": {lab: why for lab, why in _refused_heads(examples, heads).items()},
        }
    )
    return LinearModel(feat, labels, coef, intercept, thresholds, info)


def _head_counts(reviews: list[Example], label: str) -> tuple[int, int]:
    ys = [e.labels[label] for e in reviews if label in e.labels]
    return sum(ys), len(ys) - sum(ys)


def _refused_heads(examples: list[Example], heads: dict) -> dict[str, str]:
    """Labels with reviews but no head, and why (for the model card and the model page)."""
    reviews = [e for e in examples if e.source == "review"]
    out = {}
    for lab in HEAD_LABELS:
        confirmed, rejected = _head_counts(reviews, lab)
        if lab in heads or not confirmed + rejected:
            continue
        if confirmed + rejected < HEAD_MIN_REVIEWS or min(confirmed, rejected) < HEAD_MIN_EACH:
            out[lab] = f"{confirmed} confirmed, {rejected} rejected: too few decisions"
        else:
            out[lab] = "its cross-validated precision does not reach the target"
    return out


def fit_heads(reviews, feat: Featurizer, tokenize, folds: int, seed: int, target: float) -> dict[str, dict]:
    """One head per lexicon label with enough decisions, fitted on the decisions alone.

    Its threshold is chosen on out-of-fold scores of the decisions as the lowest one
    whose precision reaches the target; a head that never reaches it is not kept.
    """
    from sklearn.model_selection import StratifiedKFold

    heads = {}
    for lab in HEAD_LABELS:
        rows = [e for e in reviews if lab in e.labels]
        confirmed, rejected = _head_counts(rows, lab)
        if len(rows) < HEAD_MIN_REVIEWS or min(confirmed, rejected) < HEAD_MIN_EACH:
            continue
        x = feat.transform([tokenize(e.text) for e in rows])
        y = np.array([e.labels[lab] for e in rows])
        w = np.ones(len(rows))
        oof = np.zeros(len(rows))
        splitter = StratifiedKFold(n_splits=min(folds, min(confirmed, rejected)), shuffle=True, random_state=seed)
        for tr, te in splitter.split(np.zeros(len(rows)), y):
            oof[te] = _fit_label(x[tr], y[tr], w[tr], seed).predict_proba(x[te])[:, 1]
        threshold = _threshold_for(y, oof, target, precision=plain_precision)
        if plain_precision(y, oof >= threshold) < target:
            continue
        clf = _fit_label(x, y, w, seed)
        heads[lab] = {
            "coef": clf.coef_[0],
            "intercept": float(clf.intercept_[0]),
            "threshold": max(0.5, threshold),
            "info": {"reviews": len(rows), "confirmed": confirmed, "rejected": rejected,
                     **_metrics(y, oof, max(0.5, threshold))},
        }  # fmt: skip
    return heads


# Topics of the base data, read off each tweet's own words: the tweets about one topic are held
# out in turn, the model is fitted on the rest and measured on them, as a post from a source the
# model never saw would be. The topics overlap; a tweet of the held-out topic is never trained on.
TOPICS = {
    "pilpres_2019": r"\b(jokowi|prabowo|capres|cawapres|pilpres|2019ganti|ganti ?presiden|cebong|kampret|"
    r"sandi|maruf)\b",
    "pilkada_dki_2017": r"\b(ahok|anies|djarot|basuki|pilkada dki|pilgub|agus yudhoyono|ahy)\b",
    "agama_etnis": r"\b(islam|kafir|cina|china|kristen|yahudi|pki|komunis|aseng|asing|ulama|habib|fpi|hti)\b",
}


def topic_of(examples: list[Example], topic: str) -> np.ndarray:
    import re

    rx = re.compile(TOPICS[topic])
    return np.array([bool(rx.search(e.text.lower())) for e in examples])


def cross_source(
    examples: list[Example],
    tokenize: Callable[[str], list[str]],
    thresholds: dict[str, float],
    seed: int = SEED,
    progress: Callable[[str], None] = lambda msg: None,
) -> dict:
    """Per held-out topic and label: fitted without the topic's tweets, measured on them.

    Measured at the full model's thresholds (chosen by cross-validation on all
    the base data, so the held-out tweets took part in choosing a cut, never in
    the weights) and at 0.5.
    """
    base = [e for e in examples if e.source == "base"]
    docs = [tokenize(e.text) for e in base]
    out: dict[str, dict[str, Any]] = {}
    for topic in TOPICS:
        progress(f"cross-source: {topic} held out")
        held = topic_of(base, topic)
        tr, te = np.flatnonzero(~held), np.flatnonzero(held)
        feat = Featurizer.fit([docs[i] for i in tr])
        xtr, xte = feat.transform([docs[i] for i in tr]), feat.transform([docs[i] for i in te])
        out[topic] = {"train": len(tr), "test": len(te), "labels": {}}
        for lab in MODEL_LABELS:
            y = np.array([base[i].labels.get(lab, 0) for i in range(len(base))])
            if y[tr].sum() < 5 or y[te].sum() < 1:
                continue
            w = np.array([base[i].weight for i in tr])
            p = _fit_label(xtr, y[tr], w, seed).predict_proba(xte)[:, 1]
            out[topic]["labels"][lab] = _metrics(y[te], p, thresholds.get(lab, 0.5))
    return out
