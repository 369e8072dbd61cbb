"""Fact-checks: reading ClaimReview JSON-LD and CSV, and fact-checkers' article lists; matching posts;
writing ClaimReview.

An article list is what a fact-checker publishes of its articles (turnbackhoax.id's
WordPress feed, a cekfakta export): CSV with a header, or JSON (a list of objects, or one
under "items"/"articles"/"data"/"posts"), with a title (required; "title"/"judul", or
WordPress's {"rendered": ...}) and optionally url/link, date/tanggal, rating/label/kategori.
The title is the claim once its verdict tag is taken off ("[SALAH] Video ..." is the claim
"Video ..." rated "SALAH"); an article without a verdict anywhere counts as a debunk.

Matching (FactCheckMatcher) finds candidate claims rated false by their rarer
words and scores them by character n-gram cosine and the share of the claim's
words in the post, both weighted by the base data's idf; a post whose
similarity reaches MATCH_THRESHOLD gets `hoaks` with a link to the fact-check
(unless it reports on the hoax). Without a matching fact-check, nothing here
guesses a hoax.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
import scipy.sparse as sp

# Chosen on tests/data/factcheck_pairs.json with bench/factcheck_threshold.py (paraphrases, headlines
# repeated inside long posts, and same-topic posts that repeat no claim): the score is
# (1 - WORD_WEIGHT) x character n-gram cosine + WORD_WEIGHT x the share of the claim's words in the
# post, and the pair chosen is the one with the highest recall at a precision of at least 0.9.
MATCH_THRESHOLD = 0.59
WORD_WEIGHT = 0.6
# Claims scored per post: those whose rare terms shared with it weigh most (by idf). Checked at
# 100,000 claims by bench/factcheck_bench.py: fewer lose paraphrases among claims on the same topics.
CANDIDATES = 20
CANDIDATE_DF = 50  # a term in at most this many claims (or 1 in 500) finds candidates
CHAR_MIN, CHAR_MAX = 3, 5
FALSE_WORDS = (
    "false", "salah", "hoaks", "hoax", "bohong", "keliru", "misleading", "menyesatkan", "disinformasi",
    "fabricated", "palsu", "pants on fire", "mostly false", "satire", "missing context",
    "tidak benar", "fitnah", "misinformasi", "penipuan", "manipulasi", "satir",
)  # fmt: skip
# Column names of an article list, each with the names fact-checkers' exports use for it.
ARTICLE_COLUMNS = {
    "title": ("title", "judul", "headline"),
    "url": ("url", "link", "tautan"),
    "date": ("date", "tanggal", "published", "date_published", "datepublished"),
    "rating": ("rating", "label", "kategori", "category", "verdict", "status"),
    "publisher": ("publisher", "penerbit", "source", "sumber"),
}
# A verdict at the start of a headline: "[SALAH]", "(HOAKS)", "Cek Fakta: Tidak Benar ...", "HOAKS: ...".
_VERDICT_TAG = re.compile(r"^\s*[\[(]\s*([^\])]{2,30}?)\s*[\])]\s*[-:|]?\s*")
_CHECK_PREFIX = re.compile(r"^\s*cek\s*fakta\s*[:|-]\s*", re.I)
_VERDICT_WORDS = re.compile(
    r"^\s*(tidak benar|hoaks|hoax|keliru|salah|disinformasi|misinformasi|menyesatkan|fitnah)\b\s*[:,-]?\s*", re.I
)
CSV_FIELDS = ["claim", "rating", "url", "publisher", "claimant", "date_published"]


def is_false_rating(rating: str, value: Any = None, worst: Any = None, best: Any = None) -> bool:
    text = (rating or "").lower()
    if any(w in text for w in FALSE_WORDS):
        return True
    try:
        score, low, high = float(value), float(worst or 1), float(best or 5)
    except (TypeError, ValueError):
        return False
    return score <= low + (high - low) * 0.4


def fact_key(claim: str, url: str) -> str:
    return hashlib.sha256(f"{claim.strip()}\n{url.strip()}".encode()).hexdigest()


def _date(value: object) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def parse_claimreview(data: Any) -> list[dict[str, Any]]:
    """ClaimReview objects from JSON-LD: one object, a list, or an @graph."""
    items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
    out = []
    for item in items:
        if not isinstance(item, dict) or "ClaimReview" not in str(item.get("@type", "")):
            continue
        rating = item.get("reviewRating") or {}
        reviewed = item.get("itemReviewed") or {}
        author = item.get("author") or {}
        appearance = reviewed.get("author") or {}
        claim = (item.get("claimReviewed") or "").strip()
        if not claim:
            continue
        label = rating.get("alternateName") or rating.get("name") or ""
        out.append(
            {
                "claim": claim,
                "rating": str(label)[:100],
                "is_false": is_false_rating(
                    label, rating.get("ratingValue"), rating.get("worstRating"), rating.get("bestRating")
                ),
                "url": item.get("url") or "",
                "publisher": (author.get("name") if isinstance(author, dict) else str(author)) or "",
                "claimant": (appearance.get("name") if isinstance(appearance, dict) else str(appearance)) or "",
                "date_published": _date(item.get("datePublished")),
            }
        )
    return out


def parse_csv(text: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "claim" not in reader.fieldnames:
        raise ValueError("the CSV needs a header with at least the column 'claim'")
    out = []
    for row in reader:
        claim = (row.get("claim") or "").strip()
        if not claim:
            continue
        rating = (row.get("rating") or "").strip()
        out.append(
            {
                "claim": claim,
                "rating": rating[:100],
                "is_false": is_false_rating(rating) if rating else True,
                "url": (row.get("url") or "").strip(),
                "publisher": (row.get("publisher") or "").strip(),
                "claimant": (row.get("claimant") or "").strip(),
                "date_published": _date(row.get("date_published")),
            }
        )
    return out


def headline_claim(title: str) -> tuple[str, str]:
    """(claim, verdict) of a fact-checker's headline: "[SALAH] Video X" -> ("Video X", "SALAH")."""
    text = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(title or "")).split())
    text = _CHECK_PREFIX.sub("", text)
    verdict = ""
    m = _VERDICT_TAG.match(text) or _VERDICT_WORDS.match(text)
    if m:
        verdict, text = m.group(1).strip(), text[m.end() :]
    return text.strip(" -:|"), verdict


def _field(row: dict[Any, Any], name: str) -> str:
    keys = {str(k).strip().lower(): v for k, v in row.items()}
    for key in ARTICLE_COLUMNS[name]:
        value = keys.get(key)
        if isinstance(value, dict):  # WordPress: {"rendered": "..."}
            value = value.get("rendered")
        if value:
            return str(value).strip()
    return ""


def parse_article_list(rows: Iterable[Any]) -> list[dict[str, Any]]:
    """Fact-checks from a fact-checker's article list (dicts with a title and maybe url, date, rating)."""
    out = []
    for row in rows:
        if not isinstance(row, dict):
            continue
        claim, verdict = headline_claim(_field(row, "title"))
        if not claim:
            continue
        rating = _field(row, "rating") or verdict
        out.append(
            {
                "claim": claim,
                "rating": rating[:100],
                "is_false": is_false_rating(rating) if rating else True,
                "url": _field(row, "url"),
                "publisher": _field(row, "publisher"),
                "claimant": "",
                "date_published": _date(_field(row, "date")),
            }
        )
    return out


def _article_rows(data: Any) -> list[Any] | None:
    """The list of articles in a JSON article list, or None when `data` is not one."""
    if isinstance(data, dict):
        data = next((data[k] for k in ("items", "articles", "data", "posts") if isinstance(data.get(k), list)), None)
    if isinstance(data, list) and any(isinstance(r, dict) and _field(r, "title") for r in data):
        return data
    return None


def parse_file(name: str, content: bytes) -> list[dict[str, Any]]:
    """ClaimReview JSON-LD, ClaimReview CSV (a 'claim' column) or an article list (a 'title' column)."""
    text = content.decode("utf-8-sig")
    if name.lower().endswith(".csv"):
        header = {h.strip().lower() for h in next(csv.reader(io.StringIO(text)), [])}
        if "claim" not in header and header & set(ARTICLE_COLUMNS["title"]):
            return parse_article_list(csv.DictReader(io.StringIO(text)))
        if "claim" not in header:
            raise ValueError("the CSV needs a header with the column 'claim' (ClaimReview) or 'title' (article list)")
        return parse_csv(text)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{name} is neither CSV nor JSON: {exc.msg} (line {exc.lineno})") from exc
    found = parse_claimreview(data)
    if found:
        return found
    rows = _article_rows(data)
    return parse_article_list(rows) if rows else []


class Reviewed(Protocol):
    """What to_claimreview reads of a fact-check (the FactCheck model, kept out of this Django-free module)."""

    claim: str
    rating: str
    is_false: bool
    url: str
    publisher: str
    claimant: str
    date_published: date | None


def to_claimreview(fc: Reviewed) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": fc.claim,
        "reviewRating": {"@type": "Rating", "alternateName": fc.rating or ("Salah" if fc.is_false else "")},
        "itemReviewed": {"@type": "Claim"},
        "inLanguage": "id",
    }
    if fc.url:
        doc["url"] = fc.url
    if fc.publisher:
        doc["author"] = {"@type": "Organization", "name": fc.publisher}
    if fc.claimant:
        doc["itemReviewed"]["author"] = {"@type": "Person", "name": fc.claimant}
    if fc.date_published:
        doc["datePublished"] = fc.date_published.isoformat()
    return doc


def _terms(text: str) -> list[str]:
    words = text.split()
    return words + [a + " " + b for a, b in zip(words, words[1:], strict=False)]


class FactCheckMatcher:
    """Posts matched to claims rated false; `entries` are dicts with id, claim, url, normalised.

    Candidates come from the claims' rarer word 1-2-grams (an inverted index, so
    100,000 claims cost what the words a post shares with them cost), the
    CANDIDATES whose shared terms weigh most; each is scored by TF-IDF cosine of
    character 3-5-grams inside words, which holds when a paraphrase changes
    affixes or spelling ("dicoblos", "nyoblos"), averaged (WORD_WEIGHT) with the
    share of the claim's words the post contains, which holds when a headline is
    repeated inside a long post. docs/detection.md gives the measured figures.
    """

    def __init__(
        self, entries: list[dict[str, Any]], threshold: float = MATCH_THRESHOLD, word_weight: float = WORD_WEIGHT
    ):
        self.entries = entries
        self.threshold = threshold
        self.word_weight = word_weight
        texts = [e["normalised"] for e in entries]
        words, chars = reference_idf()
        self.words = _TfIdf(texts, _terms, words)
        self.chars = _TfIdf(texts, _char_terms, chars)
        # A term in more claims than this finds no candidates ("yang", "kpu"): it still counts in the score.
        cap = max(CANDIDATE_DF, len(entries) // 500)
        self._rare = np.flatnonzero(self.words.df <= cap)
        present = (self.words.matrix[:, self._rare] != 0).astype(np.float32)
        self.candidates = (present @ sp.diags(self.words.idf[self._rare].astype(np.float32))).T.tocsr()  # term x claim
        # Each claim's words (unigrams) weighted by idf, for the share of them a post contains.
        unigram = np.array(
            [" " not in t for t in sorted(self.words.index, key=self.words.index.__getitem__)], dtype=np.bool_
        )
        self._unigrams = np.flatnonzero(unigram)
        claim_words = (self.words.matrix[:, self._unigrams] != 0).astype(np.float64)
        self._claim_words = (claim_words @ sp.diags(self.words.idf[self._unigrams])).tocsr()
        self._claim_weight = np.asarray(self._claim_words.sum(axis=1)).ravel()

    def _coverage(self, posts: Any, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """For each (post, claim) pair: the idf-weighted share of the claim's words the post contains.

        A post that repeats a headline among many words of its own covers the
        headline fully, where a cosine would be diluted by its extra words."""
        present = (posts[:, self._unigrams] != 0).astype(np.float64).tocsr()
        found = _pair_dot(present, rows, self._claim_words, cols)
        share: np.ndarray = found / np.maximum(self._claim_weight[cols], 1e-9)
        return share

    def match(self, normalised_posts: list[str]) -> list[dict[str, Any] | None]:
        out: list[dict[str, Any] | None] = [None] * len(normalised_posts)
        if not self.entries or not normalised_posts:
            return out
        posts = self.words.vectors(normalised_posts)
        hits = ((posts[:, self._rare] != 0).astype(np.float32) @ self.candidates).tocsr()
        rows: list[int] = []
        cols: list[int] = []
        for i in range(hits.shape[0]):
            lo, hi = hits.indptr[i], hits.indptr[i + 1]
            if lo == hi:
                continue
            top = hits.indices[lo:hi][np.argsort(-hits.data[lo:hi], kind="stable")[:CANDIDATES]]
            rows.extend([i] * len(top))
            cols.extend(top.tolist())
        if not rows:
            return out
        cols_a = np.array(cols)
        chars = self.chars.vectors([normalised_posts[i] for i in sorted(set(rows))])
        char_row = {i: k for k, i in enumerate(sorted(set(rows)))}
        score = _pair_dot(chars, np.array([char_row[i] for i in rows]), self.chars.matrix, cols_a)
        if self.word_weight:
            score = (1 - self.word_weight) * score + self.word_weight * self._coverage(posts, np.array(rows), cols_a)
        best: dict[int, tuple[float, int]] = {}
        for i, j, value in zip(rows, cols, score.tolist(), strict=True):
            if value >= self.threshold and value > best.get(i, (0.0, 0))[0]:
                best[i] = (value, j)
        for i, (value, j) in best.items():
            e = self.entries[j]
            out[i] = {"id": e["id"], "claim": e["claim"], "url": e["url"], "similarity": round(float(value), 3)}
        return out


@lru_cache(maxsize=1)
def reference_idf() -> tuple[dict[str, float], dict[str, float]]:
    """The idf of word 1-2-grams and of character n-grams in the base data, from the shipped model."""
    from .features import CHAR_PREFIX, WORD_PREFIX
    from .linear import SHIPPED_MODEL_DIR, LinearModel

    feat = LinearModel.load(SHIPPED_MODEL_DIR).featurizer
    words: dict[str, float] = {}
    chars: dict[str, float] = {}
    for term, idf in zip(feat.terms, feat.idf.tolist(), strict=True):
        if term.startswith(WORD_PREFIX):
            words[term[len(WORD_PREFIX) :]] = idf
        elif term.startswith(CHAR_PREFIX):
            chars[term[len(CHAR_PREFIX) :]] = idf
    return words, chars


def _char_terms(text: str) -> list[str]:
    out: list[str] = []
    for word in text.split():
        padded = f" {word} "
        for n in range(CHAR_MIN, CHAR_MAX + 1):
            out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


def _pair_dot(a: Any, a_rows: np.ndarray, b: Any, b_rows: np.ndarray) -> np.ndarray:
    """Row a_rows[k] of `a` times row b_rows[k] of `b`, for every k (both L2-normalised)."""
    dots: np.ndarray = np.asarray(a[a_rows].multiply(b[b_rows]).sum(axis=1)).ravel()
    return dots


class _TfIdf:
    """Sublinear TF-IDF rows, L2-normalised, over the terms the claims contain."""

    def __init__(self, texts: list[str], terms: Callable[[str], list[str]], reference: dict[str, float]) -> None:
        self.terms = terms
        df: Counter[str] = Counter()
        for text in texts:
            df.update(set(terms(text)))
        vocabulary = sorted(df)
        self.index = {t: i for i, t in enumerate(vocabulary)}
        self.df = np.array([df[t] for t in vocabulary], dtype=np.int64)
        # Weights from a fixed reference (the base data's idf), not from the claims loaded: a pair's
        # score then does not change with how many claims share its words, so the threshold measured
        # on a small set holds at 100,000 claims. A term the reference lacks is rare there.
        rare = max(reference.values(), default=1.0)
        self.idf = np.array([reference.get(t, rare) for t in vocabulary], dtype=np.float64)
        self.matrix = self.vectors(texts)

    def vectors(self, texts: list[str]) -> Any:
        """A scipy CSR matrix, one row per text."""
        rows: list[int] = []
        cols: list[int] = []
        index = self.index
        for r, text in enumerate(texts):
            for t in self.terms(text):
                c = index.get(t)
                if c is not None:
                    rows.append(r)
                    cols.append(c)
        m = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(index)))
        m.sum_duplicates()
        m.data = (1 + np.log(m.data)) * self.idf[m.indices]
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1
        return (sp.diags(1 / norms) @ m).tocsr()
