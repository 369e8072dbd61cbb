"""One result per post: the learnt model, the lexicons, the schedule and fact-checks combined.

Scores share one scale on which 0.5 is the flagging threshold: a model
probability is mapped so that its label's threshold (chosen in training for
the target precision) lands on 0.5, and a lexicon pattern's weight is its
score. Negative evidence (criticism of a programme, reporting about a hoax,
refusing vote buying) multiplies a label's score by NEGATIVE_FACTOR unless a
"strong" pattern (an explicit insult, a concrete offer) matched.

Patterns are matched on the normalised text with affixes and clitics taken
off the lexicons' own words ("tololnya", "ketololan" read "tolol"); every
phrase an explanation shows is quoted from the post as it was written.

Nothing here touches the database: `pantau detect` works before migrations.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

import numpy as np

from pantau.lib.clock import parse_time_or_none
from pantau.lib.home import pantau_home
from pantau.lib.normalize import Normalizer, load_slang_csv

from .linear import SHIPPED_MODEL_DIR, LinearModel
from .taxonomy import LABELS

DATA_DIR = Path(__file__).resolve().parent / "data"
REGIONS_DIR = Path(__file__).resolve().parent.parent / "regions" / "data"
ALL_LABELS = list(LABELS)
NEGATIVE_FACTOR = 0.4
# A refusal this close before a strong match speaks of it ("jangan terima amplop 100rb").
REFUSAL_REACH = 30
RESULT_CACHE_SIZE = 50_000
# Criticism of a candidate's record is not hate speech either.
SHARED_NEGATIVES = {"ujaran_kebencian": "penghinaan"}
# Indonesian clitics and affixes read off a lexicon word for matching: "tololnya" is "tolol".
CLITICS = ("nya", "mu", "ku", "lah", "kah")
# Derivations taken off only for words of these labels, where they keep the insult
# ("ketololan", "dibodohi"); on a verb of violence "di-" would turn a victim into the doer.
DERIVED_LABELS = ("penghinaan", "kasar")
DERIVATIONS = (("ke", "an"), ("di", ""), ("di", "i"), ("di", "in"), ("", "in"))


@dataclass
class Pattern:
    regex: re.Pattern
    weight: float
    strong: bool = False
    # Words one of which a text needs for the pattern to match, when they cannot be read off its start.
    triggers: frozenset[str] | None = None


_LITERAL = re.compile(r"[a-z][a-z ]*")


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


@dataclass
class Lexicons:
    version: str
    patterns: dict[str, list[Pattern]]
    negatives: dict[str, list[re.Pattern]]
    campaign: list[re.Pattern] = field(default_factory=list)
    refusals: dict[str, list[re.Pattern]] = field(default_factory=dict)

    def __post_init__(self):
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
        self._base = self._affixed_forms()

    def _affixed_forms(self) -> dict[str, str]:
        """Affixed form -> the lexicon word it is built on, for the words the patterns name."""
        words_of = {
            lab: {w for p in pats for w in _LEXICON_WORD.findall(p.regex.pattern)}
            for lab, pats in self.patterns.items()
        }
        every = set().union(*words_of.values()) if words_of else set()
        base: dict[str, str] = {}
        for label, words in words_of.items():
            for word in words:
                if len(word) < 3:
                    continue
                forms = [word + c for c in CLITICS]
                if label in DERIVED_LABELS:
                    forms += [pre + word + suf for pre, suf in DERIVATIONS]
                base.update((form, word) for form in forms if form not in every)
        return base

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
        negatives: dict[str, list[re.Pattern]] = {}
        campaign: list[re.Pattern] = []
        refusals: dict[str, list[re.Pattern]] = {}
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
        return cls("+".join(versions), patterns, negatives, campaign, refusals)

    def match(self, text: str, tokens=None) -> dict[str, tuple[float, bool, list[tuple[int, int]]]]:
        """label -> (best weight, any strong match not refused, spans of `text` that matched)."""
        words = self._triggers.intersection(tokens if tokens is not None else text.split())
        candidates = list(self._always)
        seen = set()
        for w in words:
            for item in self._by_word[w]:
                if id(item[1]) not in seen:
                    seen.add(id(item[1]))
                    candidates.append(item)
        found: dict[str, tuple[float, bool, list[tuple[int, int]]]] = {}
        for label, p in candidates:
            m = p.regex.search(text)
            if m:
                best, strong, spans = found.get(label, (0.0, False, []))
                spans.append(m.span())
                strong = strong or (p.strong and not self.refused(text, label, m.start()))
                found[label] = (max(best, p.weight), strong, spans)
        return found

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


# A literal word of a pattern: letters not right after a backslash (\b, \d) or "?".
_LEXICON_WORD = re.compile(r"(?<![\\?a-z])[a-z]{2,}(?![a-z])")


class Quote:
    """Maps spans of a post's lexicon text back to the words the post itself wrote.

    The lexicon text has one word per word of the normalised text, which has
    the words of each token in turn; the normaliser gives each token's span in
    the original. The original's spans are worked out only when something is quoted.
    """

    def __init__(self, normalizer: Normalizer, original: str, tokens: list[str], text: str):
        self.normalizer, self.original, self.tokens, self.text = normalizer, original, tokens, text
        self.joined = text  # the normalised text, as the model read it; `text` may become the lexicon text
        self._spans = None
        self._positions = None
        self._lower = None

    def _token_spans(self):
        if self._spans is None:
            spans = self.normalizer.spans(self.original)
            if [t for t, _, _ in spans] != self.tokens:
                spans = []  # should not happen; quote the normalised text then
            word_token = [i for i, t in enumerate(self.tokens) for _ in t.split(" ")]
            self._spans = (spans, word_token)
        return self._spans

    def span(self, span: tuple[int, int]) -> str:
        a, b = span
        literal = self._literal(self.text[a:b])
        if literal:
            return literal
        first, last = self.text.count(" ", 0, a), self.text.count(" ", 0, max(a, b - 1))
        return self._words(first, last) or self.text[a:b][:80]

    def _literal(self, phrase: str) -> str | None:
        """The phrase as the post wrote it when the post has it word for word (most do: no mapping needed)."""
        if self._lower is None:
            self._lower = self.original.lower()
        lower = self._lower
        if len(lower) != len(self.original):
            return None
        i = lower.find(phrase)
        if i >= 0:
            j = i + len(phrase)
        else:
            # Word for word with punctuation between ("itu, dungunya"): each word right after the last.
            words = phrase.split(" ")
            i = j = lower.find(words[0])
            if i < 0:
                return None
            j += len(words[0])
            for word in words[1:]:
                k = lower.find(word, j)
                if k < 0 or lower[j:k].strip(" ,;:-!?.\n\"'") or k == j:
                    return None
                j = k + len(word)
        if (i and lower[i - 1].isalnum()) or (j < len(lower) and lower[j].isalnum()):
            return None
        return self.original[i:j][:80]

    def _words(self, first: int, last: int) -> str | None:
        """The original text of words first..last of the lexicon text, or None if unknown."""
        spans, word_token = self._token_spans()
        if not spans or last >= len(word_token):
            return None
        start, end = spans[word_token[first]][1], spans[word_token[last]][2]
        return " ".join(self.original[start:end].split())[:80]

    def term(self, term: str) -> str:
        """A model n-gram ("bodoh amat") quoted where its words stand in the post, else as it is."""
        words = term.split(" ")
        if self._positions is None:
            self._words_of_text = self.joined.split(" ")
            positions: dict[str, int] = {}
            for i, w in enumerate(self._words_of_text):
                positions.setdefault(w, i)
            self._positions = positions
        i = self._positions.get(words[0])
        if i is None or self._words_of_text[i : i + len(words)] != words:
            return term
        return self._literal(term) or self._words(i, i + len(words) - 1) or term


@dataclass
class Schedule:
    stages: list[tuple[str, datetime, datetime, bool, float]]

    @classmethod
    def load(cls, path: Path) -> Schedule:
        data = json.loads(path.read_text(encoding="utf-8"))
        tz = timezone(timedelta(hours=data.get("timezone_offset_hours", 7)))
        stages = [
            (
                s["name"],
                datetime.fromisoformat(s["start"]).replace(tzinfo=tz),
                datetime.fromisoformat(s["end"]).replace(tzinfo=tz),
                bool(s.get("outside_schedule")),
                float(s.get("score", 0.9)),
            )
            for s in data["stages"]
        ]
        return cls(stages)

    def stage_at(self, when: datetime | None):
        if when is None:
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        for stage in self.stages:
            if stage[1] <= when < stage[2]:
                return stage
        return None


class Detector:
    def __init__(
        self, model: LinearModel, normalizer: Normalizer, lexicons: Lexicons, schedule: Schedule, matcher=None
    ):
        self.model = model
        self.normalizer = normalizer
        self.lexicons = lexicons
        self.schedule = schedule
        self.matcher = matcher  # FactCheckMatcher or None
        self._model_index = {lab: j for j, lab in enumerate(model.labels)}
        self._results: dict = {}  # (text, stage) -> result, across batches

    @property
    def version(self) -> str:
        return f"{self.model.version}/lex-{self.lexicons.version}"

    def with_factchecks(self, claims: list[dict]) -> Detector:
        """A detector that also matches posts to `claims` (dicts with id, claim, url), with its own result cache."""
        from .factchecks import FactCheckMatcher

        entries = [dict(c, normalised=self.normalizer.normalize(c["claim"])) for c in claims]
        return Detector(
            self.model, self.normalizer, self.lexicons, self.schedule, FactCheckMatcher(entries) if entries else None
        )

    def _calibrated(self, p: np.ndarray) -> np.ndarray:
        t = np.array([self.model.thresholds.get(lab, 0.5) for lab in self.model.labels], dtype=np.float64)
        low = p / t * 0.5
        high = 0.5 + (p - t) / np.maximum(1 - t, 1e-6) * 0.5
        return np.where(p < t, low, high)

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
        docs = [self.normalizer.tokens(text) for text, _ in unique]
        probs, matrix = self.model.scores(docs)
        scaled = np.round(self._calibrated(probs), 3)
        reasons = self.model.explanations(matrix, scaled >= 0.5) if explain else None
        scaled = scaled.tolist()
        joined = [" ".join(d) for d in docs]
        matches = self.matcher.match(joined) if self.matcher else [None] * len(docs)
        results = [
            self._combine(
                i,
                Quote(self.normalizer, unique[i][0], docs[i], joined[i]),
                scaled[i],
                reasons,
                unique[i][1],
                matches[i],
            )
            for i in range(len(docs))
        ]
        out = [results[slot[key]] if key in slot else cache[key] for key in keys]
        if len(cache) > RESULT_CACHE_SIZE:
            cache.clear()
        for key, i in slot.items():
            cache[key] = results[i]
        return out

    def _combine(self, row, quote: Quote, model_scores, reasons, stage, factcheck) -> dict:
        scores = dict.fromkeys(ALL_LABELS, 0.0)
        why: dict[str, list[str]] = {}
        model_index = self._model_index
        for lab, j in model_index.items():
            scores[lab] = model_scores[j]
        text = quote.text = self.lexicons.base_forms(quote.text)
        lex = self.lexicons.match(text)
        strong = {lab for lab, (_, s, _) in lex.items() if s}
        for lab, (weight, _, spans) in lex.items():
            if weight > scores[lab]:
                scores[lab] = weight
            phrases = why.setdefault(lab, [])
            phrases.extend(q for q in map(quote.span, spans) if q not in phrases)
        if factcheck is not None:
            fc_score = round(min(0.95, 0.5 + factcheck["similarity"] * 0.5), 3)
            if fc_score > scores["hoaks"]:
                scores["hoaks"] = fc_score
            why.setdefault("hoaks", []).append(f"fact-check: {factcheck['claim'][:80]} {factcheck['url']}".strip())
        for lab in ALL_LABELS:
            if scores[lab] < 0.3 or lab == "positif":
                continue
            source = SHARED_NEGATIVES.get(lab, lab)
            if source in strong or lab in strong:
                continue
            neg = self.lexicons.negative(text, source)
            if neg:
                scores[lab] = round(scores[lab] * NEGATIVE_FACTOR, 3)
                why.setdefault(lab, []).append(f"(not flagged: {quote.span(neg)})")
        if stage is not None and stage[3]:
            campaign = self.lexicons.is_campaign(text)
            if campaign and scores["politik_uang"] < 0.5 and self.lexicons.negative(text, "politik_uang"):
                campaign = None  # an appeal against vote buying is not campaigning
            if campaign:
                scores["luar_jadwal"] = stage[4]
                why.setdefault("luar_jadwal", []).append(f"{stage[0]}: {quote.span(campaign)}")
        flagged = [lab for lab in ALL_LABELS if scores[lab] >= 0.5]
        if reasons is not None:
            for lab in flagged:
                if lab in model_index and scores[lab] > max((lex.get(lab) or (0,))[0], 0):
                    phrases = why.setdefault(lab, [])
                    phrases.extend(q for q in map(quote.term, reasons.top_terms(row, lab)) if q not in phrases)
        severity = max((LABELS[lab][2] for lab in flagged), default=0)
        explanation = {lab: why[lab] for lab in ALL_LABELS if lab in why and (lab in flagged or scores[lab] > 0)}
        result = {
            "labels": scores,
            "flagged": flagged,
            "severity": severity,
            "explanation": explanation,
        }
        if factcheck is not None and "hoaks" in flagged:
            result["factcheck"] = {"id": factcheck["id"], "url": factcheck["url"]}
        return result


def protected_names() -> set[str]:
    names = set()
    for path in sorted(REGIONS_DIR.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                names.add(row["name"].replace("Kabupaten ", ""))
                names.update(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip())
    extra = DATA_DIR / "protected_names.txt"
    names.update(line.strip() for line in extra.read_text(encoding="utf-8").splitlines() if line.strip())
    return names


def office_slang_path() -> Path:
    return pantau_home() / "slang.csv"


def office_lexicon_path() -> Path:
    return pantau_home() / "lexicons.json"


def models_dir() -> Path:
    return pantau_home() / "models"


def active_model_dir() -> Path:
    marker = models_dir() / "ACTIVE"
    if marker.exists():
        candidate = models_dir() / marker.read_text(encoding="utf-8").strip()
        if (candidate / "model.json").exists():
            return candidate
    return SHIPPED_MODEL_DIR


def slang_kept() -> list[str]:
    """Words and phrases the shipped slang dictionaries must not rewrite (data/slang_keep.txt)."""
    lines = (line.split("#", 1)[0] for line in (DATA_DIR / "slang_keep.txt").read_text(encoding="utf-8").splitlines())
    return [" ".join(line.lower().split()) for line in lines if line.strip()]


def build_normalizer(extra_slang: dict[str, str] | None = None) -> Normalizer:
    slang = load_slang_csv(DATA_DIR / "kamusalay.csv")
    slang.update(load_slang_csv(DATA_DIR / "slang_pantau.csv", encoding="utf-8"))
    kept = slang_kept()
    for word in ("user", "url", "rt", *(k for k in kept if " " not in k)):
        slang.pop(word, None)
    if office_slang_path().exists():
        slang.update(load_slang_csv(office_slang_path(), encoding="utf-8"))
    slang.update(extra_slang or {})
    return Normalizer(slang, protected_names(), kept)


def load_lexicons() -> Lexicons:
    paths = [DATA_DIR / "lexicons.json"]
    if office_lexicon_path().exists():
        paths.append(office_lexicon_path())
    return Lexicons.load(paths)


def load_detector(model_dir: Path | None = None, extra_slang=None, matcher=None) -> Detector:
    model = LinearModel.load(model_dir or active_model_dir())
    return Detector(
        model, build_normalizer(extra_slang), load_lexicons(), Schedule.load(DATA_DIR / "schedule.json"), matcher
    )


@lru_cache(maxsize=1)
def default_detector() -> Detector:
    return load_detector()
