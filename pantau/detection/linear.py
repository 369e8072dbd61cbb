"""The learnt model: a featuriser plus one logistic regression per label.

Stored as plain files, never pickle: ``model.json`` (version, labels,
thresholds, metrics), ``vocabulary.json`` (the n-grams) and ``weights.npz``
(idf, coefficients, intercepts; loaded with ``allow_pickle=False``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .features import WORD_PREFIX, Featurizer

SHIPPED_MODEL_DIR = Path(__file__).resolve().parent / "model"


@dataclass
class LinearModel:
    featurizer: Featurizer
    labels: list[str]
    coef: np.ndarray  # (n_features, n_labels)
    intercept: np.ndarray  # (n_labels,)
    thresholds: dict[str, float]
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return str(self.meta.get("version", "unknown"))

    def scores(self, docs: list[list[str]]) -> tuple[np.ndarray, Any]:
        """Probabilities (n_docs, n_labels) and the feature matrix (for explanations)."""
        m = self.featurizer.transform(docs)
        z = np.asarray(m @ self.coef) + self.intercept
        probs: np.ndarray = 1.0 / (1.0 + np.exp(-z))
        return probs, m

    def explanations(self, m: Any, flagged: np.ndarray) -> Explanations:
        """Explanations of the posts of `m`, for the labels `flagged` (n_docs, n_labels) marks."""
        return Explanations(self, m, flagged)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        meta = dict(self.meta, labels=self.labels, thresholds=self.thresholds, n_features=len(self.featurizer.terms))
        (directory / "model.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
        (directory / "vocabulary.json").write_text(json.dumps(self.featurizer.terms, ensure_ascii=False))
        np.savez_compressed(
            directory / "weights.npz",
            idf=self.featurizer.idf.astype(np.float32),
            coef=self.coef.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
        )

    @classmethod
    def load(cls, directory: Path) -> LinearModel:
        meta = json.loads((directory / "model.json").read_text())
        terms = json.loads((directory / "vocabulary.json").read_text())
        with np.load(directory / "weights.npz", allow_pickle=False) as w:
            idf, coef, intercept = w["idf"], w["coef"], w["intercept"]
        if coef.shape != (len(terms), len(meta["labels"])):
            raise ValueError(f"model in {directory} is inconsistent: {coef.shape} weights for {len(terms)} terms")
        return cls(Featurizer(terms, idf), list(meta["labels"]), coef, intercept, dict(meta["thresholds"]), meta)


class Explanations:
    """The word n-grams that pushed each post's label scores up the most, for a whole batch.

    Character n-grams count in the score but rarely explain it to a reader, so
    only word n-grams are kept. Only the posts that the model flags for a label
    (`flagged[row, j]`) are explained for it; the first time a label is asked
    for, their word n-grams are ranked in one sort.
    """

    def __init__(self, model: LinearModel, m: Any, flagged: np.ndarray) -> None:
        words = np.flatnonzero(~model.featurizer.is_char[m.indices])
        self.model = model
        self.flagged = flagged
        self.columns = m.indices[words]
        self.weights = m.data[words]
        self.rows = np.repeat(np.arange(m.shape[0]), np.diff(np.searchsorted(words, m.indptr)))
        self._ranked: dict[int, tuple[list[int], list[int], list[float]]] = {}

    def _rank(self, j: int) -> tuple[list[int], list[int], list[float]]:
        contributions = self.weights * self.model.coef[self.columns, j]
        keep = np.flatnonzero(self.flagged[self.rows, j] & (contributions > 0))
        rows, values = self.rows[keep], contributions[keep].astype(np.float64)
        # One sort by (row, largest contribution first); contributions are far below 1e6.
        order = np.argsort(rows * 1e6 - np.minimum(values, 1e5), kind="stable")
        bounds = np.searchsorted(rows[order], np.arange(self.flagged.shape[0] + 1)).tolist()
        return bounds, self.columns[keep][order].tolist(), values[order].tolist()

    def top_terms(self, row: int, label: str, k: int = 5) -> list[str]:
        j = self.model.labels.index(label)
        if j not in self._ranked:
            self._ranked[j] = self._rank(j)
        bounds, columns, _ = self._ranked[j]
        start, end = bounds[row], min(bounds[row] + k, bounds[row + 1])
        terms = self.model.featurizer.terms
        return [terms[c][len(WORD_PREFIX) :] for c in columns[start:end]]
