"""The learnt model: a featuriser plus one logistic regression per label.

Stored as plain files, never pickle: ``model.json`` (version, labels,
thresholds, metrics), ``vocabulary.json`` (the n-grams) and ``weights.npz``
(idf, coefficients, intercepts; loaded with ``allow_pickle=False``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

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
    meta: dict = field(default_factory=dict)

    @property
    def version(self) -> str:
        return self.meta.get("version", "unknown")

    def scores(self, docs: list[list[str]]):
        """Probabilities (n_docs, n_labels) and the feature matrix (for explanations)."""
        m = self.featurizer.transform(docs)
        z = np.asarray(m @ self.coef) + self.intercept
        return 1.0 / (1.0 + np.exp(-z)), m

    def top_terms(self, m, row: int, label: str, k: int = 5) -> list[str]:
        """The word n-grams of one row that pushed one label's score up the most.

        Character n-grams count in the score but rarely explain it to a reader.
        """
        j = self.labels.index(label)
        start, end = m.indptr[row], m.indptr[row + 1]
        idx = m.indices[start:end]
        words = ~self.featurizer.is_char[idx]
        idx = idx[words]
        contrib = m.data[start:end][words] * self.coef[idx, j]
        top = min(len(contrib), k)
        if top == 0:
            return []
        order = np.argpartition(-contrib, top - 1)[:top] if top < len(contrib) else np.arange(len(contrib))
        order = order[np.argsort(-contrib[order])]
        return [self.featurizer.terms[idx[o]][len(WORD_PREFIX) :] for o in order if contrib[o] > 0]

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
