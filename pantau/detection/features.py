"""Turning normalised text into TF-IDF rows, fast, with numpy and scipy only.

Features are word 1-2-grams and character 2-5-grams inside each word padded
with spaces (like scikit-learn's ``char_wb``), each block with sublinear tf,
idf and its own L2 norm. The character n-grams of a word are looked up once
and cached, so a batch costs one pass over its words and one sparse matrix.
The same code builds the vocabulary in training and vectorises at run time,
so what was measured is what runs.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence

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
    out = []
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


class Featurizer:
    def __init__(self, terms: list[str], idf: np.ndarray):
        self.terms = terms
        self.index = {t: i for i, t in enumerate(terms)}
        self.idf = np.asarray(idf, dtype=np.float32)
        self.is_char = np.array([t.startswith(CHAR_PREFIX) for t in terms], dtype=bool)
        self._char_cache: dict[str, array] = {}

    @classmethod
    def fit(cls, docs: Iterable[Sequence[str]], min_df: int = 2, char_min_df: int = 3) -> Featurizer:
        df: Counter = Counter()
        n = 0
        for tokens in docs:
            n += 1
            df.update(set(doc_terms(tokens)))
        terms = sorted(t for t, c in df.items() if c >= (char_min_df if t.startswith(CHAR_PREFIX) else min_df))
        idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in terms], dtype=np.float32)
        return cls(terms, idf)

    def _word_ids(self, word: str) -> array:
        """The ids of a word's unigram and character n-grams (cached)."""
        ids = self._char_cache.get(word)
        if ids is None:
            index = self.index
            ids = array("i", [index[t] for t in [WORD_PREFIX + word, *char_terms(word)] if t in index])
            if len(self._char_cache) < 500_000:
                self._char_cache[word] = ids
        return ids

    def transform(self, docs: Sequence[Sequence[str]]) -> sp.csr_matrix:
        index = self.index
        get = index.get
        indices = array("i")
        indptr = array("q", [0])
        cache = self._char_cache
        word_ids = self._word_ids
        extend = indices.extend
        for tokens in docs:
            for t in tokens:
                ids = cache.get(t)
                extend(ids if ids is not None else word_ids(t))
            for a, b in zip(tokens, tokens[1:], strict=False):
                i = get(WORD_PREFIX + a + " " + b)
                if i is not None:
                    indices.append(i)
            indptr.append(len(indices))
        idx = np.frombuffer(indices, dtype=np.int32) if indices else np.zeros(0, dtype=np.int32)
        m = sp.csr_matrix(
            (np.ones(len(idx), dtype=np.float32), idx, np.frombuffer(indptr, dtype=np.int64)),
            shape=(len(docs), len(self.terms)),
        )
        m.sum_duplicates()
        m.data = (np.log(m.data) + 1.0) * self.idf[m.indices]
        # One L2 norm per block (words, characters), as two vectorisers would.
        rows = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))
        block = self.is_char[m.indices].astype(np.int64)
        slot = rows * 2 + block
        norms = np.sqrt(np.bincount(slot, weights=m.data.astype(np.float64) ** 2, minlength=2 * m.shape[0]))
        norms[norms == 0] = 1.0
        m.data = (m.data / norms[slot]).astype(np.float32)
        return m
