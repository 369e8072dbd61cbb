"""Fact-checks: reading ClaimReview JSON-LD and CSV, matching posts, writing ClaimReview.

Matching is TF-IDF cosine over normalised word 1-2-grams between a post and
the claims rated false; a post whose similarity reaches MATCH_THRESHOLD gets
`hoaks` with a link to the fact-check (unless it reports on the hoax).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from collections import Counter
from datetime import date

import numpy as np
import scipy.sparse as sp

MATCH_THRESHOLD = 0.5
FALSE_WORDS = (
    "false", "salah", "hoaks", "hoax", "bohong", "keliru", "misleading", "menyesatkan", "disinformasi",
    "fabricated", "palsu", "pants on fire", "mostly false", "satire", "missing context",
)  # fmt: skip
CSV_FIELDS = ["claim", "rating", "url", "publisher", "claimant", "date_published"]


def is_false_rating(rating: str, value=None, worst=None, best=None) -> bool:
    text = (rating or "").lower()
    if any(w in text for w in FALSE_WORDS):
        return True
    try:
        value, worst, best = float(value), float(worst or 1), float(best or 5)
    except (TypeError, ValueError):
        return False
    return value <= worst + (best - worst) * 0.4


def fact_key(claim: str, url: str) -> str:
    return hashlib.sha256(f"{claim.strip()}\n{url.strip()}".encode()).hexdigest()


def _date(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def parse_claimreview(data) -> list[dict]:
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


def parse_csv(text: str) -> list[dict]:
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


def parse_file(name: str, content: bytes) -> list[dict]:
    text = content.decode("utf-8-sig")
    if name.lower().endswith(".csv"):
        return parse_csv(text)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{name} is neither CSV nor JSON: {exc.msg} (line {exc.lineno})") from exc
    return parse_claimreview(data)


def to_claimreview(fc) -> dict:
    doc = {
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
    """Cosine similarity of posts to claims; `entries` are dicts with id, claim, url, normalised."""

    def __init__(self, entries: list[dict], threshold: float = MATCH_THRESHOLD):
        self.entries = entries
        self.threshold = threshold
        df = Counter()
        for e in entries:
            df.update(set(_terms(e["normalised"])))
        self.index = {t: i for i, t in enumerate(sorted(df))}
        n = len(entries)
        self.idf = np.array([math.log((1 + n) / (1 + df[t])) + 1 for t in sorted(df)], dtype=np.float64)
        self.claims = self._vectors([e["normalised"] for e in entries])

    def _vectors(self, texts: list[str]):
        rows, cols = [], []
        for r, text in enumerate(texts):
            for t in _terms(text):
                c = self.index.get(t)
                if c is not None:
                    rows.append(r)
                    cols.append(c)
        m = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(self.index)))
        m.sum_duplicates()
        m.data = (1 + np.log(m.data)) * self.idf[m.indices]
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1
        return sp.diags(1 / norms) @ m

    def match(self, normalised_posts: list[str]) -> list[dict | None]:
        if not self.entries:
            return [None] * len(normalised_posts)
        sims = (self._vectors(normalised_posts) @ self.claims.T).toarray()
        out = []
        for row in sims:
            j = int(row.argmax())
            if row[j] >= self.threshold:
                e = self.entries[j]
                out.append({"id": e["id"], "claim": e["claim"], "url": e["url"], "similarity": float(row[j])})
            else:
                out.append(None)
        return out
