"""Indonesian-aware search terms. Django-free.

Both databases index the same normalised text (`Post.search_text`): SQLite's
FTS5 with its `unicode61` tokenizer, PostgreSQL's GIN index of the words as
they are (search.py).
Normalising in Python keeps the two alike: case-folded, accents removed,
and each word indexed as written *and* without its clitic particle or
possessive (-nya, -lah, -kah, -pun, -tah, -ku, -mu), so "rumahnya" is found by
"rumah", and "rumah" finds "rumahnya". Queries are stemmed the same way and
matched as prefixes ("kampa" finds "kampanye"). Prefixes (di-, me-, ber-) are
not stripped: doing that without a dictionary confuses more words than it
joins.
"""

import re
import unicodedata

WORD = re.compile(r"[0-9a-z]+")
SUFFIXES = ("nya", "lah", "kah", "pun", "tah", "ku", "mu")
MIN_STEM = 4
# Longer "words" (a token of a link, a run of digits) are not indexed: nobody searches for them, and
# PostgreSQL's GIN index refuses a key of more than about 2,700 bytes, failing the whole batch.
MAX_WORD = 200


def fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text or "").casefold()
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def stem(word: str) -> str:
    if len(word) < MIN_STEM + 2 or not word.endswith(SUFFIXES):
        return word
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def index_text(*parts: str) -> str:
    """What goes into the search index for a post: each word, and its stem where that differs."""
    out = []
    for word in WORD.findall(fold(" ".join(p for p in parts if p))):
        if len(word) > MAX_WORD:
            continue
        out.append(word)
        stemmed = stem(word)
        if stemmed != word:
            out.append(stemmed)
    return " ".join(out)


def query_terms(query: str, limit: int = 12) -> list[str]:
    """The stemmed words of a search, each to be matched as a prefix; at most `limit` of them."""
    terms = []
    for word in WORD.findall(fold(query)):
        term = stem(word)
        if term not in terms:
            terms.append(term)
    return terms[:limit]
