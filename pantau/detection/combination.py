"""The verdict on one post: the model's scores, the lexicons' matches, the stage and the fact-check combined.

Scores share one scale on which 0.5 is the flagging threshold: a model
probability is mapped so that its label's threshold (chosen in training for
the target precision) lands on 0.5, and a lexicon pattern's weight is its
score. Negative evidence (criticism of a programme, reporting about a hoax,
refusing vote buying) multiplies a label's score by NEGATIVE_FACTOR unless a
"strong" pattern (an explicit insult, a concrete offer) matched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

import numpy as np

from .lexicons import Lexicons
from .normalising import Quote
from .schedule import Stage
from .taxonomy import LABELS

ALL_LABELS = list(LABELS)
FLAG_AT = 0.5
NEGATIVE_FACTOR = 0.4
# Labels below this are not worth weakening or explaining as "not flagged".
CONSIDERED_FROM = 0.3
# Criticism of a candidate's record is not hate speech either.
SHARED_NEGATIVES = {"ujaran_kebencian": "penghinaan"}
FACTCHECK_MAX = 0.95


def calibrated(p: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """Model probabilities on the shared scale: each label's threshold becomes FLAG_AT."""
    low = p / thresholds * FLAG_AT
    high = FLAG_AT + (p - thresholds) / np.maximum(1 - thresholds, 1e-6) * (1 - FLAG_AT)
    out: np.ndarray = np.where(p < thresholds, low, high)
    return out


def combine(
    lexicons: Lexicons,
    quote: Quote,
    model_scores: dict[str, float],
    top_terms: Callable[[str], Iterable[str]] | None,
    stage: Stage | None,
    factcheck: dict[str, Any] | None,
    worst_part: Callable[[str], str | None] | None = None,
) -> dict[str, Any]:
    """One post's result: scores per label, flagged labels, severity, explanation in the post's words.

    `top_terms(label)` gives the model n-grams behind a flag (or None when not explaining);
    `worst_part(label)` the part of a long post that gave the model's score, in its own words
    (None for the whole post).
    """
    scores = dict.fromkeys(ALL_LABELS, 0.0)
    scores.update(model_scores)
    why: dict[str, list[str]] = {}
    text = quote.text = lexicons.base_forms(quote.text)
    lex = _lexicon_evidence(lexicons, text, quote)
    strong = {lab for lab, (_, s, _, _) in lex.items() if s}
    for lab, (weight, _, spans, notes) in lex.items():
        if weight > scores[lab]:
            scores[lab] = weight
        phrases = why.setdefault(lab, [])
        phrases.extend(q for q in map(quote.span, spans) if q not in phrases)
        phrases.extend(f"(weakened: {note})" for note in dict.fromkeys(notes))
    if factcheck is not None:
        fc_score = round(min(FACTCHECK_MAX, FLAG_AT + factcheck["similarity"] * (1 - FLAG_AT)), 3)
        if fc_score > scores["hoaks"]:
            scores["hoaks"] = fc_score
        why.setdefault("hoaks", []).append(f"fact-check: {factcheck['claim'][:80]} {factcheck['url']}".strip())
    _weaken_negated(lexicons, text, quote, scores, strong, why)
    _off_schedule(lexicons, text, quote, scores, stage, why)
    flagged = [lab for lab in ALL_LABELS if scores[lab] >= FLAG_AT]
    if top_terms is not None:
        for lab in flagged:
            if lab in model_scores and scores[lab] > (lex[lab][0] if lab in lex else 0):
                phrases = why.setdefault(lab, [])
                part = worst_part(lab) if worst_part is not None else None
                if part and part not in phrases:
                    phrases.insert(0, part)
                phrases.extend(q for q in map(quote.term, top_terms(lab)) if q and q not in phrases)
    severity = max((LABELS[lab][2] for lab in flagged), default=0)
    explanation = {lab: why[lab] for lab in ALL_LABELS if lab in why and (lab in flagged or scores[lab] > 0)}
    result: dict[str, Any] = {"labels": scores, "flagged": flagged, "severity": severity, "explanation": explanation}
    if factcheck is not None and "hoaks" in flagged:
        result["factcheck"] = {"id": factcheck["id"], "url": factcheck["url"]}
    return result


def _lexicon_evidence(
    lexicons: Lexicons, text: str, quote: Quote
) -> dict[str, tuple[float, bool, list[tuple[int, int]], list[str]]]:
    """label -> (best weight, strong, spans, why weakened) of the lexicon hits, each weighed in its context.

    A hit quoted, reported, under a news lead or negated counts `context.factor` of its
    weight and is never strong: the post speaks about the words rather than saying them.
    """
    context = lexicons.context
    found: dict[str, tuple[float, bool, list[tuple[int, int]], list[str]]] = {}
    for label, weight, strong, span in lexicons.hits(text):
        note = None
        if label in context.labels:
            note = context.why_weaker(quote.original, partial(quote.locate, span), _words_before_last(text, span))
        if note:
            weight, strong = round(weight * context.factor, 3), False
        best, was_strong, spans, notes = found.get(label, (0.0, False, [], []))
        spans.append(span)
        if note:
            notes.append(note)
        found[label] = (max(best, weight), was_strong or strong, spans, notes)
    return found


NEGATION_REACH = 30


def _words_before_last(text: str, span: tuple[int, int]) -> str:
    """The words before a hit's last word, for a negation of it ("bukan", also inside "dia bukan orang bodoh").

    A hit that opens with its own negative word ("tidak waras") is read from its start.
    """
    a, b = span
    inside = text[a:b]
    cut = a + inside.rfind(" ") if " " in inside else a
    if inside.split(" ", 1)[0] in ("tidak", "bukan", "tak"):
        cut = a
    return text[max(0, cut - NEGATION_REACH) : cut].rstrip()


def _weaken_negated(
    lexicons: Lexicons,
    text: str,
    quote: Quote,
    scores: dict[str, float],
    strong: set[str],
    why: dict[str, list[str]],
) -> None:
    """Negative evidence lowers a label unless a strong pattern of it (or of its source) matched."""
    for lab in ALL_LABELS:
        if scores[lab] < CONSIDERED_FROM or lab == "positif":
            continue
        source = SHARED_NEGATIVES.get(lab, lab)
        if source in strong or lab in strong:
            continue
        neg = lexicons.negative(text, source)
        if neg:
            scores[lab] = round(scores[lab] * NEGATIVE_FACTOR, 3)
            why.setdefault(lab, []).append(f"(not flagged: {quote.span(neg)})")


def _off_schedule(
    lexicons: Lexicons,
    text: str,
    quote: Quote,
    scores: dict[str, float],
    stage: Stage | None,
    why: dict[str, list[str]],
) -> None:
    """Campaign content at a stage outside the campaign is `luar_jadwal`."""
    if stage is None or not stage[3]:
        return
    campaign = lexicons.is_campaign(text)
    if campaign and scores["politik_uang"] < FLAG_AT and lexicons.negative(text, "politik_uang"):
        campaign = None  # an appeal against vote buying is not campaigning
    if campaign:
        scores["luar_jadwal"] = stage[4]
        why.setdefault("luar_jadwal", []).append(f"{stage[0]}: {quote.span(campaign)}")
