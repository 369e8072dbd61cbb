"""One result per post: the learnt model, the lexicons, the schedule and fact-checks combined.

Scores share one scale on which 0.5 is the flagging threshold: a model
probability is mapped so that its label's threshold (chosen in training for
the target precision) lands on 0.5, and a lexicon pattern's weight is its
score. Negative evidence (criticism of a programme, reporting about a hoax,
refusing vote buying) multiplies a label's score by NEGATIVE_FACTOR unless a
"strong" pattern (an explicit insult, a concrete offer) matched.

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

from pantau.lib.home import pantau_home
from pantau.lib.normalize import Normalizer, load_slang_csv

from .linear import SHIPPED_MODEL_DIR, LinearModel
from .taxonomy import LABELS

DATA_DIR = Path(__file__).resolve().parent / "data"
REGIONS_DIR = Path(__file__).resolve().parent.parent / "regions" / "data"
ALL_LABELS = list(LABELS)
NEGATIVE_FACTOR = 0.4
# Criticism of a candidate's record is not hate speech either.
SHARED_NEGATIVES = {"ujaran_kebencian": "penghinaan"}


@dataclass
class Pattern:
    regex: re.Pattern
    weight: float
    strong: bool = False


@dataclass
class Lexicons:
    version: str
    patterns: dict[str, list[Pattern]]
    negatives: dict[str, list[re.Pattern]]
    campaign: list[re.Pattern] = field(default_factory=list)

    @classmethod
    def load(cls, paths: list[Path]) -> Lexicons:
        patterns: dict[str, list[Pattern]] = {}
        negatives: dict[str, list[re.Pattern]] = {}
        campaign: list[re.Pattern] = []
        versions = []
        for path in paths:
            data = json.loads(path.read_text(encoding="utf-8"))
            versions.append(str(data.get("version", "?")))
            for label, spec in data.get("labels", {}).items():
                if label not in LABELS:
                    raise ValueError(f"{path.name}: unknown label {label!r}")
                for p in spec.get("patterns", []):
                    patterns.setdefault(label, []).append(
                        Pattern(re.compile(p["re"]), float(p.get("weight", 0.7)), bool(p.get("strong", False)))
                    )
                negatives.setdefault(label, []).extend(re.compile(r) for r in spec.get("negative", []))
            campaign.extend(re.compile(r) for r in data.get("campaign_content", []))
        return cls("+".join(versions), patterns, negatives, campaign)

    def match(self, text: str) -> dict[str, tuple[float, bool, list[str]]]:
        """label -> (best weight, any strong match, matched phrases)."""
        found = {}
        for label, pats in self.patterns.items():
            best, strong, phrases = 0.0, False, []
            for p in pats:
                m = p.regex.search(text)
                if m:
                    best = max(best, p.weight)
                    strong = strong or p.strong
                    phrases.append(m.group(0)[:80])
            if phrases:
                found[label] = (best, strong, phrases)
        return found

    def negative(self, text: str, label: str) -> str | None:
        for rx in self.negatives.get(label, ()):
            m = rx.search(text)
            if m:
                return m.group(0)[:80]
        return None

    def is_campaign(self, text: str) -> str | None:
        for rx in self.campaign:
            m = rx.search(text)
            if m:
                return m.group(0)[:80]
        return None


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


def parse_time(value) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value
    text = str(value).strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
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

    @property
    def version(self) -> str:
        return f"{self.model.version}/lex-{self.lexicons.version}"

    def _calibrated(self, p: np.ndarray) -> np.ndarray:
        t = np.array([self.model.thresholds.get(lab, 0.5) for lab in self.model.labels], dtype=np.float64)
        low = p / t * 0.5
        high = 0.5 + (p - t) / np.maximum(1 - t, 1e-6) * 0.5
        return np.where(p < t, low, high)

    def classify(self, texts: list[str], times: list | None = None, explain: bool = True) -> list[dict]:
        docs = [self.normalizer.tokens(t or "") for t in texts]
        probs, matrix = self.model.scores(docs)
        scaled = self._calibrated(probs)
        matches = self.matcher.match([" ".join(d) for d in docs]) if self.matcher else [None] * len(docs)
        out = []
        for i, tokens in enumerate(docs):
            when = parse_time(times[i]) if times else None
            out.append(self._combine(i, " ".join(tokens), scaled[i], matrix, when, matches[i], explain))
        return out

    def _combine(self, row, text, model_scores, matrix, when, factcheck, explain) -> dict:
        scores = dict.fromkeys(ALL_LABELS, 0.0)
        why: dict[str, list[str]] = {}
        model_index = {lab: j for j, lab in enumerate(self.model.labels)}
        for lab, j in model_index.items():
            scores[lab] = float(model_scores[j])
        lex = self.lexicons.match(text)
        strong = {lab for lab, (_, s, _) in lex.items() if s}
        for lab, (weight, _, phrases) in lex.items():
            if weight > scores[lab]:
                scores[lab] = weight
            why.setdefault(lab, []).extend(phrases)
        if factcheck is not None:
            fc_score = min(0.95, 0.5 + factcheck["similarity"] * 0.5)
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
                scores[lab] *= NEGATIVE_FACTOR
                why.setdefault(lab, []).append(f"(not flagged: {neg})")
        stage = self.schedule.stage_at(when)
        if stage is not None and stage[3]:
            campaign = self.lexicons.is_campaign(text)
            if campaign and scores["politik_uang"] < 0.5 and self.lexicons.negative(text, "politik_uang"):
                campaign = None  # an appeal against vote buying is not campaigning
            if campaign:
                scores["luar_jadwal"] = stage[4]
                why.setdefault("luar_jadwal", []).append(f"{stage[0]}: {campaign}")
        flagged = [lab for lab in ALL_LABELS if scores[lab] >= 0.5]
        if explain:
            for lab in flagged:
                if lab in model_index and scores[lab] > max((lex.get(lab) or (0,))[0], 0):
                    terms = self.model.top_terms(matrix, row, lab)
                    why.setdefault(lab, []).extend(t for t in terms if t not in why.get(lab, []))
        severity = max((LABELS[lab][2] for lab in flagged), default=0)
        explanation = {lab: why[lab] for lab in ALL_LABELS if lab in why and (lab in flagged or scores[lab] > 0)}
        result = {
            "labels": {lab: round(scores[lab], 3) for lab in ALL_LABELS},
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


def build_normalizer(extra_slang: dict[str, str] | None = None) -> Normalizer:
    slang = load_slang_csv(DATA_DIR / "kamusalay.csv")
    slang.update(load_slang_csv(DATA_DIR / "slang_pantau.csv", encoding="utf-8"))
    for placeholder in ("user", "url", "rt"):
        slang.pop(placeholder, None)
    if office_slang_path().exists():
        slang.update(load_slang_csv(office_slang_path(), encoding="utf-8"))
    slang.update(extra_slang or {})
    return Normalizer(slang, protected_names())


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
