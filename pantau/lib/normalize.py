"""Normalising informal Indonesian for detection (Django-free, fast).

`Normalizer(slang, protected).normalize(text)` returns lower-case text in
which URLs and mentions became the placeholder words ``url`` and ``user``
(the training data's USER/URL), hashtags were split into words, elongations
("bangeeet") shortened, leetspeak ("4njing") read as letters, "kata2" as
"kata kata", and slang/"alay" spellings replaced through a dictionary.

Names are kept: a capitalised word inside a sentence (a person, a place),
an all-caps acronym and any word in `protected` (e.g. Barito Timur's
kecamatan) is only lower-cased, never rewritten by the slang dictionary or
the leetspeak rules, so "Paku" stays "paku" and does not become another word.
Amounts and measures ("100rb", "Rp50", "10kg") are numbers, not leetspeak, and
phrases in `kept` ("bodo amat", "per KK") are only lower-cased: the slang
dictionary would turn them into words they do not mean ("bodoh amat", "per kakak").

`spans(text)` gives the same tokens as `tokens(text)` with each one's
character span in the original text, so an explanation can quote the post's
own words instead of the normalised ones.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

# The training data writes emoji and other bytes as literal "\xNN" text and
# line breaks as a literal "\n".
_ESCAPES = re.compile(r"(?:\\x[0-9a-fA-F]{2})+|\\[nrt]")
_URL = re.compile(r"(?:https?://|www\.|\b(?:bit\.ly|t\.co|s\.id)/)\S*", re.I)
_MENTION = re.compile(r"(?<![\w@])@\w+")
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
# A run of sentence-ending punctuation, or a word (leetspeak may use @ and $).
_TOKEN = re.compile(r"([.!?\n]+)|([^\W_]+(?:[@$][^\W_]*)*|[@$]\w+)")
_ELONGATED = re.compile(r"(\w)\1{2,}")
_REDUP = re.compile(r"^([^\W\d_]{2,})2$")
_LEET = str.maketrans(
    {"4": "a", "3": "e", "1": "i", "0": "o", "5": "s", "7": "t", "8": "b", "9": "g", "@": "a", "$": "s"}
)
_HAS_ALPHA = re.compile(r"[^\W\d_]")
# An amount or a measure: digits with an optional currency before and unit after.
_QUANTITY = re.compile(
    r"(?:rp)?\d+(?:rb|ribu|k|jt|juta|m|miliar|t|kg|g|gr|gram|ons|l|lt|liter|km|m2|ha|x|an|pcs|sak|kali|%)?"
)
_HAS_DIGIT = re.compile(r"[\d@$]")
_PLACEHOLDERS = {"user": "user", "url": "url"}


def load_slang_csv(path: Path | str, encoding: str = "latin-1") -> dict[str, str]:
    """Read a two-column CSV (slang, standard), no header; later rows win."""
    entries: dict[str, str] = {}
    with open(path, encoding=encoding, newline="") as fh:
        for row in csv.reader(fh):
            if len(row) < 2:
                continue
            slang, standard = row[0].strip().lower(), row[1].strip().lower()
            if slang and standard and slang.isascii() and standard.isascii():
                entries[slang] = standard
    return entries


class Normalizer:
    def __init__(self, slang: dict[str, str] | None = None, protected: Iterable[str] = (), kept: Iterable[str] = ()):
        self.slang = {k.lower(): v.lower() for k, v in (slang or {}).items()}
        self.protected = frozenset(w.lower() for p in protected for w in p.split())
        # Phrases of two or more words that are only lower-cased (single words: leave them out of `slang`).
        phrases = sorted({" ".join(k.lower().split()) for k in kept if len(k.split()) > 1}, key=len, reverse=True)
        alternatives = "|".join(r"\s+".join(map(re.escape, k.split())) for k in phrases)
        self._kept = re.compile(rf"\b(?:{alternatives})\b", re.I) if phrases else None
        # A cheap test before the regex: the last word of some kept phrase is in the text.
        tails = sorted({k.split()[-1] for k in phrases})
        self._kept_tails = re.compile("|".join(map(re.escape, tails))) if tails else None
        # Words known to be spelled right: shortening "maaaf" keeps a double
        # letter only when that gives a known word ("maaf", not "maf").
        self.known = frozenset(w for v in self.slang.values() for w in v.split()) | self.protected
        # word as written -> normalised: [False] for a word inside a sentence, [True] for its first word.
        self._cache: tuple[dict[str, str], dict[str, str]] = ({}, {})

    def normalize(self, text: str) -> str:
        return " ".join(self.tokens(text))

    def tokens(self, text: str) -> list[str]:
        if not text:
            return []
        if "\\" in text:
            text = _ESCAPES.sub(" ", text)
        if "http" in text or "www." in text or "/" in text:
            text = _URL.sub(" url ", text)
        if "@" in text:
            text = _MENTION.sub(" user ", text)
        if "#" in text:
            text = _HASHTAG.sub(_split_hashtag, text)
        if self._kept is not None and self._has_kept(text):
            return [token for token, _, _ in self._spans(text, range(len(text)), range(1, len(text) + 1))]
        out: list[str] = []
        sentence_start = True
        inside, starting = self._cache
        remember = self._remember
        for punct, word in _TOKEN.findall(text):
            if punct:
                sentence_start = True
            elif sentence_start:
                sentence_start = False
                result = starting.get(word)
                out.append(remember(word, True) if result is None else result)
            else:
                result = inside.get(word)
                out.append(remember(word, False) if result is None else result)
        return out

    def _remember(self, word: str, sentence_start: bool) -> str:
        result = self._word(word, sentence_start)
        cache = self._cache[sentence_start]
        if len(cache) < 100_000:
            cache[word] = result
        return result

    def _has_kept(self, text: str) -> bool:
        kept, tails = self._kept, self._kept_tails
        if kept is None or tails is None or tails.search(text.lower()) is None:
            return False
        return kept.search(text) is not None

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """(token, start, end) per token of `tokens(text)`; text[start:end] is what the post wrote."""
        if not text:
            return []
        # Where each character of the text being rewritten stood in the original (ranges until a rewrite).
        starts: Sequence[int] = range(len(text))
        ends: Sequence[int] = range(1, len(text) + 1)
        if "\\" in text:
            text, starts, ends = _tracked_sub(_ESCAPES, lambda m: " ", text, starts, ends)
        if "http" in text or "www." in text or "/" in text:
            text, starts, ends = _tracked_sub(_URL, lambda m: " url ", text, starts, ends)
        if "@" in text:
            text, starts, ends = _tracked_sub(_MENTION, lambda m: " user ", text, starts, ends)
        if "#" in text:
            text, starts, ends = _tracked_sub(_HASHTAG, _split_hashtag, text, starts, ends)
        return self._spans(text, starts, ends)

    def _spans(self, text: str, starts: Sequence[int], ends: Sequence[int]) -> list[tuple[str, int, int]]:
        kept = [m.span() for m in self._kept.finditer(text)] if self._kept is not None and self._has_kept(text) else []
        out: list[tuple[str, int, int]] = []
        sentence_start = True
        cache = self._cache
        for m in _TOKEN.finditer(text):
            punct, word = m.groups()
            if punct:
                sentence_start = True
                continue
            start, end = m.span()
            if kept and any(a <= start and end <= b for a, b in kept):
                result = word.lower()
            else:
                result = cache[sentence_start].get(word)
                if result is None:
                    result = self._word(word, sentence_start)
            sentence_start = False
            out.append((result, starts[start], ends[end - 1]))
        return out

    def _word(self, word: str, sentence_start: bool) -> str:
        lower = word.lower()
        if lower in _PLACEHOLDERS:
            return lower
        # A capitalised word inside a sentence is a name; an all-caps word of
        # up to five letters an acronym (KPU, ASN): keep both as written,
        # except shouted slang whose standard form is one word (GA -> tidak).
        is_name = not sentence_start and len(word) > 1 and word[0].isupper() and not word.isupper()
        is_acronym = word.isupper() and word.isalpha() and len(word) <= 5 and " " in self.slang.get(lower, " ")
        if is_name or is_acronym or lower in self.protected:
            return lower
        redup = _REDUP.match(lower)
        if redup:
            base = self._plain(redup.group(1))
            return f"{base} {base}"
        return self._plain(lower)

    def _plain(self, lower: str) -> str:
        if lower in self.slang:
            return self.slang[lower]
        if _HAS_DIGIT.search(lower) and _HAS_ALPHA.search(lower) and not _QUANTITY.fullmatch(lower):
            lower = lower.translate(_LEET)
        if _ELONGATED.search(lower):
            double = _ELONGATED.sub(r"\1\1", lower)
            single = _ELONGATED.sub(r"\1", lower)
            if double in self.known or double in self.slang:
                lower = double
            else:
                lower = single
        return self.slang.get(lower, lower)


def _tracked_sub(
    rx: re.Pattern[str], repl: Callable[[re.Match[str]], str], text: str, starts: Sequence[int], ends: Sequence[int]
) -> tuple[str, list[int], list[int]]:
    """`rx.sub(repl, text)` that also maps each new character to the original span it came from."""
    out: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    last = 0
    for m in rx.finditer(text):
        a, b = m.span()
        out.append(text[last:a])
        new_starts.extend(starts[last:a])
        new_ends.extend(ends[last:a])
        piece = repl(m)
        out.append(piece)
        new_starts.extend([starts[a]] * len(piece))
        new_ends.extend([ends[b - 1]] * len(piece))
        last = b
    out.append(text[last:])
    new_starts.extend(starts[last:])
    new_ends.extend(ends[last:])
    return "".join(out), new_starts, new_ends


def _split_hashtag(match: re.Match[str]) -> str:
    tag = match.group(1)
    parts = _CAMEL.findall(tag)
    return " " + (" ".join(parts) if parts else tag) + " "
