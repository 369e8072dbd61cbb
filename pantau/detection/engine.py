"""The detector: one result per post, from the pieces of detection put together.

Normalising (normalising.py, on pantau/lib/normalize.py), the learnt model
(features.py, linear.py), the lexicon rules (lexicons.py), the schedule
(schedule.py) and fact-check matching (factchecks.py) each give evidence;
combination.py makes the verdict. This module batches posts, classifies each
distinct (text, stage) once and keeps the results across batches.

Nothing here touches the database: `pantau detect` works before migrations.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from pantau.lib.clock import parse_time_or_none
from pantau.lib.normalize import Normalizer

from .combination import calibrated, combine
from .files import active_model_dir
from .lexicons import Lexicons, load_lexicons
from .linear import LinearModel
from .normalising import Masker, Quote, build_masker, build_normalizer
from .schedule import Schedule, shipped_schedule

RESULT_CACHE_SIZE = 50_000


class Detector:
    def __init__(
        self,
        model: LinearModel,
        normalizer: Normalizer,
        lexicons: Lexicons,
        schedule: Schedule,
        matcher=None,
        masker: Masker | None = None,
    ):
        self.model = model
        # A model trained on masked text reads masked text (services.train_model masks; older models did not).
        self.masker = (masker or build_masker()) if model.meta.get("masked") else None
        self.normalizer = normalizer
        self.lexicons = lexicons
        self.schedule = schedule
        self.matcher = matcher  # FactCheckMatcher or None
        self._thresholds = np.array([model.thresholds.get(lab, 0.5) for lab in model.labels], dtype=np.float64)
        self._results: dict = {}  # (text, stage) -> result, across batches

    @property
    def version(self) -> str:
        return f"{self.model.version}/lex-{self.lexicons.version}"

    def with_factchecks(self, claims: list[dict]) -> Detector:
        """A detector that also matches posts to `claims` (dicts with id, claim, url), with its own result cache."""
        from .factchecks import FactCheckMatcher

        entries = [dict(c, normalised=self.normalizer.normalize(c["claim"])) for c in claims]
        return Detector(
            self.model,
            self.normalizer,
            self.lexicons,
            self.schedule,
            FactCheckMatcher(entries) if entries else None,
            self.masker,
        )

    def classify(self, texts: list[str], times: list | None = None, explain: bool = True) -> list[dict]:
        """One result per text. Identical texts at the same campaign stage are classified once
        (copy-paste campaigns repeat the same text many times)."""
        stages = [self.schedule.stage_at(parse_time_or_none(t)) for t in times] if times else [None] * len(texts)
        keys = [(text or "", stage) for text, stage in zip(texts, stages, strict=True)]
        cache = self._results
        slot: dict = {}
        unique: list = []
        for key in keys:
            if key not in slot and key not in cache:
                slot[key] = len(unique)
                unique.append(key)
        if not unique:
            return [cache[key] for key in keys]
        results = self._classify_unique(unique, explain)
        out = [results[slot[key]] if key in slot else cache[key] for key in keys]
        if len(cache) > RESULT_CACHE_SIZE:
            cache.clear()
        for key, i in slot.items():
            cache[key] = results[i]
        return out

    def _classify_unique(self, unique: list[tuple[str, object]], explain: bool) -> list[dict]:
        docs = [self.normalizer.tokens(text) for text, _ in unique]
        masked = [self.masker.mask(d) for d in docs] if self.masker else docs
        probs, matrix = self.model.scores(masked)
        scaled = np.round(calibrated(probs, self._thresholds), 3)
        reasons = self.model.explanations(matrix, scaled >= 0.5) if explain else None
        scaled = scaled.tolist()
        labels = self.model.labels
        joined = [" ".join(d) for d in docs]
        matches = self.matcher.match(joined) if self.matcher else [None] * len(docs)
        results = []
        for i, (text, stage) in enumerate(unique):
            top_terms = (lambda lab, row=i: reasons.top_terms(row, lab)) if reasons is not None else None
            results.append(
                combine(
                    self.lexicons,
                    Quote(self.normalizer, text, docs[i], joined[i], " ".join(masked[i])),
                    dict(zip(labels, scaled[i], strict=True)),
                    top_terms,
                    stage,
                    matches[i],
                )
            )
        return results


def load_detector(model_dir: Path | None = None, extra_slang=None, matcher=None) -> Detector:
    model = LinearModel.load(model_dir or active_model_dir())
    return Detector(model, build_normalizer(extra_slang), load_lexicons(), shipped_schedule(), matcher)


@lru_cache(maxsize=1)
def default_detector() -> Detector:
    return load_detector()
