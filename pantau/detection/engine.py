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
from typing import TYPE_CHECKING, Any

import numpy as np

from pantau.lib.clock import parse_time_or_none
from pantau.lib.normalize import Normalizer

from .combination import calibrated, combine
from .files import active_model_dir
from .lexicons import Lexicons, load_lexicons
from .linear import LinearModel
from .normalising import Masker, Quote, build_masker, build_normalizer
from .schedule import Schedule, Stage, shipped_schedule

if TYPE_CHECKING:
    from .factchecks import FactCheckMatcher

RESULT_CACHE_SIZE = 50_000


class Detector:
    # The office's version (slang and fact-checks included), set by services._build_office_detector;
    # a detector loaded plainly has none.
    office_version: str

    def __init__(
        self,
        model: LinearModel,
        normalizer: Normalizer,
        lexicons: Lexicons,
        schedule: Schedule,
        matcher: FactCheckMatcher | None = None,
        masker: Masker | None = None,
    ) -> None:
        self.model = model
        # A model trained on masked text reads masked text (services.train_model masks; older models did not).
        self.masker = (masker or build_masker()) if model.meta.get("masked") else None
        self.normalizer = normalizer
        self.lexicons = lexicons
        self.schedule = schedule
        self.matcher = matcher  # FactCheckMatcher or None
        self._thresholds = np.array([model.thresholds.get(lab, 0.5) for lab in model.labels], dtype=np.float64)
        self._results: dict[tuple[str, Stage | None], dict[str, Any]] = {}  # (text, stage) -> result, across batches

    @property
    def version(self) -> str:
        return f"{self.model.version}/lex-{self.lexicons.version}"

    def with_factchecks(self, claims: list[dict[str, Any]]) -> Detector:
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

    def classify(
        self, texts: list[str], times: list[object] | None = None, explain: bool = True
    ) -> list[dict[str, Any]]:
        """One result per text. Identical texts at the same campaign stage are classified once
        (copy-paste campaigns repeat the same text many times)."""
        stages: list[Stage | None] = (
            [self.schedule.stage_at(parse_time_or_none(t)) for t in times] if times else [None] * len(texts)
        )
        keys = [(text or "", stage) for text, stage in zip(texts, stages, strict=True)]
        cache = self._results
        slot: dict[tuple[str, Stage | None], int] = {}
        unique: list[tuple[str, Stage | None]] = []
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

    def _classify_unique(self, unique: list[tuple[str, Stage | None]], explain: bool) -> list[dict[str, Any]]:
        docs = [self.normalizer.tokens(text) for text, _ in unique]
        masked: list[list[str]]
        origins: list[list[int] | None]
        if self.masker:
            masked_t, origins_t = zip(*map(self.masker.mask_with_origin, docs), strict=True) if docs else ((), ())
            masked, origins = list(masked_t), list(origins_t)
        else:
            masked, origins = docs, [None] * len(docs)
        parts = Parts(docs, masked, origins)
        probs, matrix = self.model.scores(masked + parts.docs)
        row_scores = calibrated(probs, self._thresholds)
        reasons = self.model.explanations(matrix, row_scores >= 0.5) if explain else None
        best_rows = parts.worst(probs)
        scaled = np.round(calibrated(np.take_along_axis(probs, best_rows, axis=0), self._thresholds), 3).tolist()
        best_rows = best_rows.tolist()
        labels = self.model.labels
        joined = [" ".join(d) for d in docs]
        matches = self.matcher.match(joined) if self.matcher else [None] * len(docs)
        results: list[dict[str, Any]] = []
        for i, (text, stage) in enumerate(unique):
            quote = Quote(self.normalizer, text, docs[i], joined[i], masked[i], origins[i])
            rows = dict(zip(labels, best_rows[i], strict=True))
            top_terms = (lambda lab, rows=rows: reasons.top_terms(rows[lab], lab)) if reasons is not None else None
            worst = (lambda lab, rows=rows, quote=quote: parts.quoted(rows[lab], quote)) if parts.docs else None
            results.append(
                combine(
                    self.lexicons,
                    quote,
                    dict(zip(labels, scaled[i], strict=True)),
                    top_terms,
                    stage,
                    matches[i],
                    worst,
                )
            )
        return results


class Parts:
    """Windows of the long posts of a batch, scored beside the whole posts so one bad sentence is not diluted.

    A post of more than LONG_POST words is also read as windows of WINDOW words (a tweet's length, as
    the model was trained on)
    (STRIDE apart); each label's score is the highest of the whole post and its
    windows, and the window that gave it is the part an explanation shows.
    """

    LONG_POST, WINDOW, STRIDE = 45, 30, 20

    def __init__(self, docs: list[list[str]], masked: list[list[str]], origins: list[list[int] | None]) -> None:
        """`docs` as normalised, `masked` as the model reads them, `origins` from Masker.mask_with_origin."""
        self.n = len(docs)
        self.docs: list[list[str]] = []
        self.owner: list[int] = []
        self.words: list[tuple[int, int]] = []  # first and last word (of the normalised text) of each window
        for i, tokens in enumerate(masked):
            if len(tokens) <= self.LONG_POST:
                continue
            starts = np.cumsum([0] + [t.count(" ") + 1 for t in docs[i]]).tolist()
            origin = origins[i] or range(len(tokens))
            last_start = len(tokens) - self.WINDOW
            for start in [*range(0, last_start, self.STRIDE), last_start]:
                end = start + self.WINDOW
                self.docs.append(tokens[start:end])
                self.owner.append(i)
                first, after = origin[start], (origin[end] if end < len(tokens) else len(docs[i]))
                self.words.append((starts[first], starts[after] - 1))

    def worst(self, probs: np.ndarray) -> np.ndarray:
        """(posts, labels): the row (the post's own, or one of its windows') with the highest probability."""
        best = np.tile(np.arange(self.n)[:, None], (1, probs.shape[1]))
        if not self.docs:
            return best
        top = probs[: self.n].copy()
        for k, owner in enumerate(self.owner):
            row = self.n + k
            higher = probs[row] > top[owner]
            top[owner] = np.where(higher, probs[row], top[owner])
            best[owner] = np.where(higher, row, best[owner])
        return best

    def quoted(self, row: int, quote: Quote) -> str | None:
        """The window `row` in the post's own words, or None when the row is the whole post."""
        if row < self.n:
            return None
        first, last = self.words[row - self.n]
        return quote.words(first, last, limit=WORST_PART_CHARS)


WORST_PART_CHARS = 200


def load_detector(
    model_dir: Path | None = None,
    extra_slang: dict[str, str] | None = None,
    matcher: FactCheckMatcher | None = None,
) -> Detector:
    model = LinearModel.load(model_dir or active_model_dir())
    return Detector(model, build_normalizer(extra_slang), load_lexicons(), shipped_schedule(), matcher)


@lru_cache(maxsize=1)
def default_detector() -> Detector:
    return load_detector()
