"""Lexicon rules: patterns as data (data/lexicons.json plus the office's PANTAU_HOME/lexicons.json).

Each label has patterns (a regex, its weight on the shared 0-1 scale, whether
it is "strong"), negative patterns (criticism of a programme, reporting about
a hoax) and refusals ("jangan terima" before an offer). A file may also list
the campaign content that is off-schedule outside the campaign period.
Patterns are matched on the normalised text with affixed forms of their own
words read as the base word (normalising.affixed_forms).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .files import DATA_DIR, office_lexicon_path
from .normalising import affixed_forms
from .taxonomy import LABELS

# A refusal this close before a strong match speaks of it ("jangan terima amplop 100rb").
REFUSAL_REACH = 30


@dataclass
class Pattern:
    regex: re.Pattern[str]
    weight: float
    strong: bool = False
    # Words one of which a text needs for the pattern to match, when they cannot be read off its start.
    triggers: frozenset[str] | None = None


_LITERAL = re.compile(r"[a-z][a-z ]*")
# A literal word of a pattern: letters not right after a backslash (\b, \d) or "?".
_LEXICON_WORD = re.compile(r"(?<![\\?a-z])[a-z]{2,}(?![a-z])")


def trigger_words(source: str) -> set[str] | None:
    """The words one of which must be in a text for the pattern to match, or None if unknown.

    Read from the pattern's start: a literal word, or a group of literal
    alternatives (``\\b(usir|mengusir)``). Lets the lexicons skip, with one set
    intersection, the patterns that cannot match a post.
    """
    rest = source[2:] if source.startswith("\\b") else source
    if rest.startswith("("):
        depth, end = 0, None
        for i, ch in enumerate(rest):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0:
                end = i
                break
        if end is None:
            return None
        body = rest[1:end]
        body = body[2:] if body.startswith("?:") else body
        alternatives = body.split("|")
        if any("(" in a or ")" in a or not _LITERAL.fullmatch(a) for a in alternatives):
            return None
        return {a.split()[0] for a in alternatives}
    m = _LITERAL.match(rest)
    if not m or not m.group().strip():
        return None
    word = m.group().split()[0]
    after = rest[len(word) :]
    # "hoaks?" or "a+" change the word: no trigger then.
    if after[:1] in ("?", "*", "+", "{", "[", "|"):
        return None
    return {word}


# Text in quotation marks: straight or curly double quotes, curly single ones, straight single
# quotes standing apart from words (not the apostrophe of "ma'ruf").
_QUOTED = re.compile(
    r'"[^"\n]{1,300}"|\u201c[^\u201d\n]{1,300}\u201d|\u2018[^\u2019\n]{1,300}\u2019'
    r"|(?<!\w)'[^'\n]{1,300}'(?!\w)"
)
_QUOTE_MARKS = frozenset("\"'\u201c\u2018")
_SENTENCE_ENDS = ".!?\n"


@dataclass
class Context:
    """Where a hit stands that makes it weaker: quoted, reported, under a news lead, negated."""

    factor: float = 1.0
    labels: frozenset[str] = frozenset()
    reported: list[re.Pattern[str]] = field(default_factory=list)
    news_lead: re.Pattern[str] | None = None
    negation: frozenset[str] = frozenset()

    @classmethod
    def from_spec(cls, spec: dict[str, Any]) -> Context:
        return cls(
            float(spec.get("factor", 1.0)),
            frozenset(spec.get("labels", ())),
            [re.compile(r) for r in spec.get("reported_speech", [])],
            re.compile(spec["news_lead"]) if spec.get("news_lead") else None,
            frozenset(spec.get("negation", ())),
        )

    def why_weaker(self, original: str, where: Callable[[], tuple[int, int] | None], before: str) -> str | None:
        """Why a hit is weaker: "quoted", "reported: <word>", "news report", "negated: <word>", or None.

        `where()` gives the hit's place in the post as written (None if unknown), asked only
        when the post has quotation marks or a reported-speech word; `before` is the normalised
        words before the hit's last word.
        """
        negated = next((w for w in before.rsplit(" ", 2)[-2:] if w in self.negation), None)
        if negated:
            return f"negated: {negated}"
        if self.news_lead is not None and self.news_lead.match(original):
            return "news report"
        quoted = not _QUOTE_MARKS.isdisjoint(original)
        lower = original.lower()
        if not quoted and not any(rx.search(lower) for rx in self.reported):
            return None
        place = where()
        if place is None:
            return None
        start, end = place
        # Quoted when the hit's end (the insult itself, "calon bupati \"goblok\"") is inside the marks.
        if quoted and any(a < end - 1 < b - 1 for a, b in (m.span() for m in _QUOTED.finditer(original))):
            return "quoted"
        first = max(original.rfind(c, 0, start) for c in _SENTENCE_ENDS) + 1
        last = min((i for i in (original.find(c, end) for c in _SENTENCE_ENDS) if i >= 0), default=len(original))
        sentence = lower[first:last] if len(lower) == len(original) else original[first:last].lower()
        for rx in self.reported:
            m = rx.search(sentence)
            if m:
                return f"reported: {m.group(0)}"
        return None


@dataclass
class Lexicons:
    version: str
    patterns: dict[str, list[Pattern]]
    negatives: dict[str, list[re.Pattern[str]]]
    campaign: list[re.Pattern[str]] = field(default_factory=list)
    refusals: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)
    context: Context = field(default_factory=Context)

    def __post_init__(self) -> None:
        self._always: list[tuple[str, Pattern]] = []
        self._by_word: dict[str, list[tuple[str, Pattern]]] = {}
        for label, pats in self.patterns.items():
            for p in pats:
                words = p.triggers or trigger_words(p.regex.pattern)
                if words is None:
                    self._always.append((label, p))
                else:
                    for w in words:
                        self._by_word.setdefault(w, []).append((label, p))
        self._triggers = frozenset(self._by_word)
        words_of = {
            lab: {w for p in ps for w in _LEXICON_WORD.findall(p.regex.pattern)} for lab, ps in self.patterns.items()
        }
        self._base = affixed_forms(words_of)

    def base_forms(self, text: str) -> str:
        """`text` with affixed lexicon words read as their base word (the same number of words)."""
        words = text.split(" ")
        if self._base.keys().isdisjoint(words):
            return text
        base = self._base
        return " ".join([base.get(w, w) for w in words])

    @classmethod
    def load(cls, paths: list[Path]) -> Lexicons:
        patterns: dict[str, list[Pattern]] = {}
        negatives: dict[str, list[re.Pattern[str]]] = {}
        campaign: list[re.Pattern[str]] = []
        refusals: dict[str, list[re.Pattern[str]]] = {}
        context = Context()
        versions = []
        for path in paths:
            data = json.loads(path.read_text(encoding="utf-8"))
            versions.append(str(data.get("version", "?")))
            for label, spec in data.get("labels", {}).items():
                if label not in LABELS:
                    raise ValueError(f"{path.name}: unknown label {label!r}")
                for p in spec.get("patterns", []):
                    patterns.setdefault(label, []).append(
                        Pattern(
                            re.compile(p["re"]),
                            float(p.get("weight", 0.7)),
                            bool(p.get("strong", False)),
                            frozenset(p["triggers"]) if p.get("triggers") else None,
                        )
                    )
                negatives.setdefault(label, []).extend(re.compile(r) for r in spec.get("negative", []))
                refusals.setdefault(label, []).extend(re.compile(r) for r in spec.get("refusal", []))
            campaign.extend(re.compile(r) for r in data.get("campaign_content", []))
            if "context" in data:  # the last file's context rules win
                context = Context.from_spec(data["context"])
        return cls("+".join(versions), patterns, negatives, campaign, refusals, context)

    def match(
        self, text: str, tokens: Iterable[str] | None = None
    ) -> dict[str, tuple[float, bool, list[tuple[int, int]]]]:
        """label -> (best weight, any strong match not refused, spans of `text` that matched)."""
        found: dict[str, tuple[float, bool, list[tuple[int, int]]]] = {}
        for label, weight, strong, span in self.hits(text, tokens):
            best, was_strong, spans = found.get(label, (0.0, False, []))
            spans.append(span)
            found[label] = (max(best, weight), was_strong or strong, spans)
        return found

    def hits(self, text: str, tokens: Iterable[str] | None = None) -> list[tuple[str, float, bool, tuple[int, int]]]:
        """(label, weight, strong and not refused, span of `text`) for every pattern that matched, by position."""
        words = self._triggers.intersection(tokens if tokens is not None else text.split())
        candidates = list(self._always)
        seen = set()
        for w in words:
            for item in self._by_word[w]:
                if id(item[1]) not in seen:
                    seen.add(id(item[1]))
                    candidates.append(item)
        out = []
        for label, p in candidates:
            m = p.regex.search(text)
            if m:
                out.append((label, p.weight, p.strong and not self.refused(text, label, m.start()), m.span()))
        # In the post's order, so an explanation reads the same whatever the hash seed ordered `words` by.
        out.sort(key=lambda hit: (hit[3], hit[0], -hit[1]))
        return out

    def refused(self, text: str, label: str, start: int) -> bool:
        before = text[max(0, start - REFUSAL_REACH) : start + 1]
        return any(rx.search(before) for rx in self.refusals.get(label, ()))

    def negative(self, text: str, label: str) -> tuple[int, int] | None:
        for rx in self.negatives.get(label, ()):
            m = rx.search(text)
            if m:
                return m.span()
        return None

    def is_campaign(self, text: str) -> tuple[int, int] | None:
        for rx in self.campaign:
            m = rx.search(text)
            if m:
                return m.span()
        return None


def load_lexicons() -> Lexicons:
    paths = [DATA_DIR / "lexicons.json"]
    if office_lexicon_path().exists():
        paths.append(office_lexicon_path())
    return Lexicons.load(paths)
