"""Turning normalised text into TF-IDF rows, fast, with numpy and scipy only.

Features are word 1-2-grams and character 2-5-grams inside each word padded
with spaces (like scikit-learn's ``char_wb``), each block with sublinear tf,
idf and its own L2 norm. A word's feature ids are worked out the first time
it is seen and kept in a table, so a batch costs one C-level pass mapping its
words to ids and numpy work from there (gathering, bigram lookup, one sort to
count). The same code builds the vocabulary in training and vectorises at run
time, so what was measured is what runs.
"""

from __future__ import annotations

import math
import threading
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import overload

import numpy as np
import scipy.sparse as sp

CHAR_MIN, CHAR_MAX = 2, 5
WORD_PREFIX, CHAR_PREFIX = "w ", "c "


def word_terms(tokens: Sequence[str]) -> list[str]:
    terms = [WORD_PREFIX + t for t in tokens]
    terms.extend(WORD_PREFIX + a + " " + b for a, b in zip(tokens, tokens[1:], strict=False))
    return terms


def char_terms(word: str) -> list[str]:
    padded = f" {word} "
    size = len(padded)
    out: list[str] = []
    for n in range(CHAR_MIN, CHAR_MAX + 1):
        if size < n:
            break
        out.extend(CHAR_PREFIX + padded[i : i + n] for i in range(size - n + 1))
    return out


def doc_terms(tokens: Sequence[str]) -> list[str]:
    terms = word_terms(tokens)
    for t in tokens:
        terms.extend(char_terms(t))
    return terms


class _WordIds(dict[str, int]):
    """word -> a small integer, given on first sight (so a batch maps its words in one C-level pass)."""

    def __init__(self, words: list[str]) -> None:
        super().__init__((w, i) for i, w in enumerate(words))
        self.words = list(words)

    def __missing__(self, word: str) -> int:
        wid = self[word] = len(self.words)
        self.words.append(word)
        return wid


class Featurizer:
    """Vectorises a batch with numpy: each word's feature ids (its unigram and character
    n-grams) are worked out the first time it is seen and kept in a table indexed by a word
    id; bigrams are found by binary search over the vocabulary's bigrams, encoded as pairs
    of word ids."""

    MAX_WORDS = 1_000_000  # forget words seen at run time beyond this (memory bound)

    def __init__(self, terms: list[str], idf: np.ndarray):
        self.terms = terms
        self.index = {t: i for i, t in enumerate(terms)}
        self.idf = np.asarray(idf, dtype=np.float32)
        self.is_char = np.fromiter((t.startswith(CHAR_PREFIX) for t in terms), dtype=bool, count=len(terms))
        # A token may hold a space (slang "gatau" becomes "tidak tahu"), so a term "w a b c"
        # is the bigram of ("a", "b c") or of ("a b", "c"): every split is kept.
        bigrams: list[tuple[str, str, int]] = []
        for i in np.flatnonzero(~self.is_char).tolist():
            parts = terms[i][len(WORD_PREFIX) :].split(" ")
            for cut in range(1, len(parts)):
                bigrams.append((" ".join(parts[:cut]), " ".join(parts[cut:]), i))
        self._vocabulary_words = sorted({w for a, b, _ in bigrams for w in (a, b)})
        self._lock = threading.Lock()
        self._reset_words()
        ids = self._word_ids
        keys = np.array([self._pair_key(ids[a], ids[b]) for a, b, _ in bigrams], dtype=np.int64)
        order = np.argsort(keys)
        self._bigram_keys = keys[order]
        self._bigram_ids = np.array([i for _, _, i in bigrams], dtype=np.int32)[order]

    @overload
    @staticmethod
    def _pair_key(a: int, b: int) -> int: ...
    @overload
    @staticmethod
    def _pair_key(a: np.ndarray, b: np.ndarray) -> np.ndarray: ...
    @staticmethod
    def _pair_key(a: int | np.ndarray, b: int | np.ndarray) -> int | np.ndarray:
        return (a << 32) | b

    def _reset_words(self) -> None:
        self._word_ids = _WordIds(self._vocabulary_words)
        # Per word id: where its feature ids start in the table and how many (-1: not worked out yet).
        self._starts = np.zeros(0, dtype=np.int64)
        self._lengths = np.zeros(0, dtype=np.int64)
        self._table = array("i")

    @classmethod
    def fit(cls, docs: Iterable[Sequence[str]], min_df: int = 2, char_min_df: int = 3) -> Featurizer:
        df: Counter[str] = Counter()
        n = 0
        for tokens in docs:
            n += 1
            df.update(set(doc_terms(tokens)))
        terms = sorted(t for t, c in df.items() if c >= (char_min_df if t.startswith(CHAR_PREFIX) else min_df))
        idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in terms], dtype=np.float32)
        return cls(terms, idf)

    def _learn_words(self, wids: np.ndarray) -> None:
        """Put the feature ids of the words among `wids` not seen before into the table."""
        grow = len(self._word_ids.words) - len(self._lengths)
        if grow > 0:
            self._starts = np.concatenate([self._starts, np.zeros(grow, dtype=np.int64)])
            self._lengths = np.concatenate([self._lengths, np.full(grow, -1, dtype=np.int64)])
        new = np.unique(wids[self._lengths[wids] < 0])
        index, words, table = self.index, self._word_ids.words, self._table
        for wid in new.tolist():
            word = words[wid]
            ids = [index[t] for t in [WORD_PREFIX + word, *char_terms(word)] if t in index]
            self._starts[wid] = len(table)
            self._lengths[wid] = len(ids)
            table.extend(ids)

    def _word_features(
        self, docs: Sequence[Sequence[str]], n_words: int, doc_of: np.ndarray
    ) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
        """Word ids of the batch's tokens, and the unigram and character n-gram features of each."""
        if len(self._word_ids) > self.MAX_WORDS:
            self._reset_words()
        wids = np.fromiter(map(self._word_ids.__getitem__, chain.from_iterable(docs)), dtype=np.int64, count=n_words)
        self._learn_words(wids)
        # Gather each word's slice of the table.
        lengths = self._lengths[wids]
        total = int(lengths.sum())
        offsets = np.repeat(self._starts[wids] - (np.cumsum(lengths) - lengths), lengths)
        table = np.frombuffer(self._table, dtype=np.int32) if total else np.zeros(0, dtype=np.int32)
        cols = [table[offsets + np.arange(total)] if total else np.zeros(0, dtype=np.int32)]
        return wids, cols, [np.repeat(doc_of, lengths)]

    def transform(self, docs: Sequence[Sequence[str]]) -> sp.csr_matrix:
        n_docs = len(docs)
        n_terms = len(self.terms)
        # Each (post, term) pair is one integer key, 32 bits wide when a batch's keys fit (most do):
        # half the memory to sort and compare.
        key_type: type[np.unsignedinteger] | type[np.signedinteger] = (
            np.uint32 if (n_docs + 1) * n_terms < 2**32 else np.int64
        )
        sizes = np.fromiter(map(len, docs), dtype=np.int64, count=n_docs)
        doc_of = np.repeat(np.arange(n_docs, dtype=key_type), sizes)
        with self._lock:  # the web server's threads share one detector
            wids, cols, rows = self._word_features(docs, int(sizes.sum()), doc_of)
        # Bigrams: neighbouring words of the same post whose pair is in the vocabulary.
        if len(wids) > 1 and len(self._bigram_keys):
            same = doc_of[1:] == doc_of[:-1]
            keys = self._pair_key(wids[:-1][same], wids[1:][same])
            at = np.minimum(np.searchsorted(self._bigram_keys, keys), len(self._bigram_keys) - 1)
            hit = self._bigram_keys[at] == keys
            cols.append(self._bigram_ids[at[hit]])
            rows.append(doc_of[:-1][same][hit])
        # Count each (post, term) once: sort the pairs as one integer key (faster than
        # letting scipy sort every row), then sublinear tf times idf.
        keys = np.concatenate(rows) * key_type(n_terms) + np.concatenate(cols).astype(key_type)
        keys.sort()
        first = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1]))) if len(keys) else keys
        counts = np.diff(np.append(first, len(keys)))
        row_of, columns = np.divmod(keys[first], key_type(n_terms))
        indices = columns.astype(np.int32)
        indptr = np.searchsorted(row_of, np.arange(n_docs + 1, dtype=key_type))
        tf = np.ones(len(counts))  # log(1) + 1: most terms occur once in a post
        repeated = counts > 1
        tf[repeated] = np.log(counts[repeated]) + 1.0
        data = (tf * self.idf[indices]).astype(np.float32)
        # One L2 norm per block (words, characters), as two vectorisers would.
        slot = row_of.astype(np.int64) * 2 + self.is_char[indices]
        norms = np.sqrt(np.bincount(slot, weights=data.astype(np.float64) ** 2, minlength=2 * n_docs))
        norms[norms == 0] = 1.0
        m = sp.csr_matrix(((data / norms[slot]).astype(np.float32), indices, indptr), shape=(n_docs, n_terms))
        m.has_canonical_format = True
        return m
