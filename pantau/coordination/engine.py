"""Coordinated posting between accounts, without Django: near-linear in the number of posts.

Three kinds of coordination between two accounts, each an act counted once per
pair of posts made within `window` seconds of each other by different accounts:

- ``co_similar``: near-duplicate text (Jaccard similarity of the canonical word
  sets at least `similarity`; posts shorter than `min_tokens` words never match);
- ``co_link``: the same link, after `pantau.lib.urls.normalize_url`;
- ``co_group``: posting into the same group (noisy in busy groups, so opt-in).

An edge between two accounts is kept when it counts at least `min_weight` acts;
connected accounts form a cluster.

Why it is fast: posts are grouped by a key (the link, the group, or the family
of near-duplicate texts) and sorted by time, and pairs inside the window are
found by comparing each post to its next neighbours in numpy, dropping every
post as soon as its next neighbour is out of the window, so the cost follows
the number of pairs found, never the square of the posts in a window. Most
copy-paste is exact after canonicalisation, so each distinct text is handled
once; MinHash signatures (numpy, vectorised over the vocabulary) and LSH
banding find the families of near-duplicate texts, and every candidate pair of
posts is then checked against the exact Jaccard similarity of its two texts.
"""

from __future__ import annotations

import gc
import re
import unicodedata
import zlib
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import numpy as np

KINDS = ("co_similar", "co_link", "co_group")
DEFAULT_KINDS = ("co_similar", "co_link")

URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
MENTION_RE = re.compile(r"@[\w.]+")
NON_WORD_RE = re.compile(r"[\W_]+")
# "bangeeet" and "bangeet" are "banget"; a doubled letter is often real ("saat", "maaf").
ELONGATION_RE = re.compile(r"(\w)\1{2,}")
PRIME = np.uint64(4294967311)  # the first prime above 2**32


def canonical(text: str) -> str:
    """Lower-case words without URLs, mentions, punctuation or elongations, one space apart."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).lower()
    text = URL_RE.sub(" ", text)
    text = MENTION_RE.sub(" ", text)
    text = NON_WORD_RE.sub(" ", text)
    text = ELONGATION_RE.sub(r"\1", text)
    return " ".join(text.split())


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def overlap(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


MEASURES = {"overlap": overlap, "jaccard": jaccard}


@dataclass(frozen=True)
class Params:
    window: int = 900
    similarity: float = 0.7
    min_weight: int = 2
    min_tokens: int = 5
    kinds: tuple[str, ...] = DEFAULT_KINDS
    num_perm: int = 64
    seed: int = 1
    max_evidence: int = 50
    # "overlap": the share of the shorter text's words found in the other, so a copy with a
    # lead-in ("Baca ini:") or a trailing hashtag still counts; "jaccard": shared words over
    # all words (the coordination-network-toolkit's measure).
    measure: str = "overlap"

    def __post_init__(self):
        if self.window <= 0:
            raise ValueError("window must be a positive number of seconds")
        if not 0 < self.similarity <= 1:
            raise ValueError("similarity must be above 0 and at most 1")
        if self.min_weight < 1:
            raise ValueError("min_weight must be at least 1")
        if self.measure not in MEASURES:
            raise ValueError(f"measure must be one of {', '.join(MEASURES)}")
        unknown = set(self.kinds) - set(KINDS)
        if unknown or not self.kinds:
            raise ValueError(f"kinds must be among {', '.join(KINDS)}")

    def as_dict(self) -> dict:
        return {
            "window": self.window,
            "similarity": self.similarity,
            "min_weight": self.min_weight,
            "min_tokens": self.min_tokens,
            "kinds": list(self.kinds),
            "measure": self.measure,
        }

    @property
    def lsh_threshold(self) -> float:
        """The Jaccard similarity LSH must find: a full overlap of equal sizes is t / (2 - t)."""
        if self.measure == "overlap":
            return self.similarity / (2 - self.similarity)
        return self.similarity


@dataclass
class Posts:
    """Posts as columns. `authors` and `groups` are any hashable keys (group None: no group)."""

    ids: list
    authors: list
    times: np.ndarray  # epoch seconds
    texts: list[str]
    links: list[list[str]]
    groups: list = field(default_factory=list)
    author_names: dict = field(default_factory=dict)

    def __len__(self):
        return len(self.ids)

    def author_codes(self) -> tuple[np.ndarray, list]:
        if getattr(self, "_author_codes", None) is None:
            self._author_codes = _codes(self.authors)
        return self._author_codes

    @classmethod
    def from_rows(cls, rows: Iterable[dict]) -> Posts:
        ids, authors, times, texts, links, groups, names = [], [], [], [], [], [], {}
        for row in rows:
            ids.append(row["id"])
            authors.append(row["author_id"])
            times.append(row["time"])
            texts.append(row.get("text") or "")
            links.append(row.get("links") or [])
            groups.append(row.get("group_id"))
            if row.get("author_name"):
                names[row["author_id"]] = row["author_name"]
        return cls(ids, authors, np.asarray(times, dtype=np.float64), texts, links, groups, names)


_Key = TypeVar("_Key")  # an author key: whatever the caller's posts name their authors by


@dataclass
class Edge(Generic[_Key]):
    kind: str
    a: _Key  # author key, a < b in the order of first appearance
    b: _Key
    weight: int
    evidence: list[tuple]  # (post id, post id), at most Params.max_evidence


@dataclass
class Result:
    edges: list[Edge]
    clusters: list[list]  # author keys, biggest cluster first
    pairs: dict[str, tuple[np.ndarray, np.ndarray]]  # kind -> post indexes (i, j)
    stats: dict


def _codes(values: Sequence) -> tuple[np.ndarray, list]:
    """Integer codes for hashable values, in order of first appearance."""
    index = {v: i for i, v in enumerate(dict.fromkeys(values))}
    codes = np.fromiter(map(index.__getitem__, values), dtype=np.int64, count=len(values))
    return codes, list(index)


def window_pairs(keys: np.ndarray, times: np.ndarray, authors: np.ndarray, window: float):
    """Indexes (i, j) of rows with the same key, different authors, at most `window` seconds apart.

    Rows with a negative key take no part. Each pair comes once, i the earlier row.
    """
    keep = np.nonzero(keys >= 0)[0]
    order = keep[np.lexsort((times[keep], keys[keep]))]
    k, t, a = keys[order], times[order], authors[order]
    n = len(order)
    out_i, out_j = [], []
    active = np.arange(max(n - 1, 0))
    d = 1
    while len(active):
        active = active[active + d < n]
        nxt = active + d
        same = (k[nxt] == k[active]) & (t[nxt] - t[active] <= window)
        active = active[same]
        if not len(active):
            break
        nxt = active + d
        other = a[nxt] != a[active]
        out_i.append(order[active[other]])
        out_j.append(order[nxt[other]])
        d += 1
    if not out_i:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    return np.concatenate(out_i), np.concatenate(out_j)


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)


def lsh_shape(num_perm: int, threshold: float, recall: float = 0.97) -> tuple[int, int]:
    """(bands, rows): the most selective banding that still finds pairs at the threshold with `recall`."""
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        if bands < 1:
            break
        if 1 - (1 - threshold**rows) ** bands >= recall:
            best = (bands, rows)
    return best


def minhash_signatures(token_lists: list[list[int]], token_hashes: np.ndarray, num_perm: int, seed: int):
    """MinHash signatures (texts x num_perm, uint32) of sets of token ids, vectorised in numpy."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**32 - 1, size=num_perm, dtype=np.uint64)
    b = rng.integers(0, 2**32 - 1, size=num_perm, dtype=np.uint64)
    # hash of every vocabulary token under every permutation, computed once
    permuted = ((token_hashes[:, None] * a[None, :] + b[None, :]) % PRIME).astype(np.uint32)
    sigs = np.empty((len(token_lists), num_perm), dtype=np.uint32)
    start = 0
    chunk_tokens = 200_000
    while start < len(token_lists):
        stop, total = start, 0
        while stop < len(token_lists) and (total < chunk_tokens or stop == start):
            total += len(token_lists[stop])
            stop += 1
        lengths = np.fromiter((len(t) for t in token_lists[start:stop]), dtype=np.int64, count=stop - start)
        flat = np.fromiter(
            (tok for toks in token_lists[start:stop] for tok in toks), dtype=np.int64, count=int(lengths.sum())
        )
        offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        sigs[start:stop] = np.minimum.reduceat(permuted[flat], offsets, axis=0)
        start = stop
    return sigs


def band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit bucket key per text and band (texts x bands)."""
    rng = np.random.default_rng(12345)
    mult = rng.integers(1, 2**63 - 1, size=rows, dtype=np.uint64) | np.uint64(1)
    keys = np.zeros((len(sigs), bands), dtype=np.uint64)
    for band in range(bands):
        part = sigs[:, band * rows : (band + 1) * rows].astype(np.uint64)
        keys[:, band] = (part * mult[None, :]).sum(axis=1, dtype=np.uint64) ^ np.uint64(band)
    return keys


class TextIndex:
    """Distinct canonical texts of the posts, their word sets and their near-duplicate families."""

    def __init__(self, texts: Sequence[str], params: Params):
        raw_codes, raw_values = _codes(texts)
        canon_index: dict[str, int] = {}
        raw_to_canon = np.fromiter(
            (canon_index.setdefault(canonical(t), len(canon_index)) for t in raw_values),
            dtype=np.int64,
            count=len(raw_values),
        )
        self.canon = list(canon_index)
        self.post_text = raw_to_canon[raw_codes] if len(raw_codes) else np.zeros(0, dtype=np.int64)
        vocabulary: dict[str, int] = {}
        self.token_lists = [
            sorted({vocabulary.setdefault(tok, len(vocabulary)) for tok in text.split()}) for text in self.canon
        ]
        self.vocabulary = vocabulary
        self.sizes = np.fromiter((len(t) for t in self.token_lists), dtype=np.int64, count=len(self.token_lists))
        self.valid = self.sizes >= max(params.min_tokens, 1)
        self.params = params
        self._sets: dict[int, frozenset] = {}
        self.family = self._families()

    def _families(self) -> np.ndarray:
        """Family id per text: texts that LSH put in one bucket, transitively (checked exactly later)."""
        n = len(self.canon)
        family = np.arange(n, dtype=np.int64)
        valid = np.nonzero(self.valid)[0]
        if self.params.similarity >= 1 or len(valid) < 2:
            return family
        hashes = np.fromiter(
            (zlib.crc32(tok.encode()) for tok in self.vocabulary), dtype=np.uint64, count=len(self.vocabulary)
        )
        sigs = minhash_signatures([self.token_lists[i] for i in valid], hashes, self.params.num_perm, self.params.seed)
        bands, rows = lsh_shape(self.params.num_perm, self.params.lsh_threshold)
        keys = band_keys(sigs, bands, rows)
        left: list[np.ndarray] = []
        right: list[np.ndarray] = []
        for band in range(bands):
            column = keys[:, band]
            order = np.argsort(column, kind="stable")
            same = np.nonzero(column[order][1:] == column[order][:-1])[0]
            left.append(valid[order[same]])
            right.append(valid[order[same + 1]])
        firsts, seconds = np.concatenate(left), np.concatenate(right)
        if not len(firsts):
            return family
        links = np.unique(np.stack([firsts, seconds], axis=1), axis=0)
        # only verified near-duplicates join a family, so unrelated texts never chain into one
        verified = self.similar(links[:, 0], links[:, 1])
        uf = _UnionFind(n)
        for x, y in links[verified].tolist():
            uf.union(x, y)
        return np.fromiter((uf.find(i) for i in range(n)), dtype=np.int64, count=n)

    def token_set(self, text_id: int) -> frozenset:
        s = self._sets.get(text_id)
        if s is None:
            s = self._sets[text_id] = frozenset(self.token_lists[text_id])
        return s

    def post_keys(self) -> np.ndarray:
        """Family per post, -1 for posts too short to compare."""
        keys = self.family[self.post_text]
        keys[~self.valid[self.post_text]] = -1
        return keys

    def similar(self, ti: np.ndarray, tj: np.ndarray) -> np.ndarray:
        """Whether each pair of texts is at least `similarity` alike (exact Jaccard, cached per pair)."""
        ok = ti == tj
        todo = np.nonzero(~ok)[0]
        if len(todo):
            lo, hi = np.minimum(ti[todo], tj[todo]), np.maximum(ti[todo], tj[todo])
            pair_keys = lo * len(self.canon) + hi
            unique, inverse = np.unique(pair_keys, return_inverse=True)
            n = len(self.canon)
            threshold = self.params.similarity
            measure = MEASURES[self.params.measure]
            verdict = np.fromiter(
                (measure(self.token_set(int(k // n)), self.token_set(int(k % n))) >= threshold for k in unique),
                dtype=bool,
                count=len(unique),
            )
            ok[todo] = verdict[inverse.ravel()]
        return ok


def link_rows(links: Sequence[Sequence[str]], normalize: Callable[[str], str]):
    """(post index, link code) per distinct normalised link of each post; empty links are no link."""
    cache: dict[str, int] = {}
    codes: dict[str, int] = {}
    posts, keys = [], []
    for i, post_links in enumerate(links):
        seen = set()
        for link in post_links or ():
            if not link or not str(link).strip():
                continue
            code = cache.get(link)
            if code is None:
                try:
                    norm = normalize(str(link).strip())
                except ValueError:
                    norm = ""
                code = cache[link] = codes.setdefault(norm, len(codes)) if norm else -1
            if code >= 0 and code not in seen:
                seen.add(code)
                posts.append(i)
                keys.append(code)
    return np.asarray(posts, dtype=np.int64), np.asarray(keys, dtype=np.int64)


def _default_normalize(url: str) -> str:
    from pantau.lib.urls import normalize_url

    return normalize_url(url)


def find_pairs(posts: Posts, params: Params, normalize: Callable[[str], str] | None = None, stats=None):
    """kind -> (i, j): indexes of post pairs coordinated under `params`."""
    normalize = normalize or _default_normalize
    stats = stats if stats is not None else {}
    author_codes, _ = posts.author_codes()
    times = np.asarray(posts.times, dtype=np.float64)
    pairs = {}
    if "co_similar" in params.kinds:
        texts = TextIndex(posts.texts, params)
        stats["distinct_texts"] = len(texts.canon)
        i, j = window_pairs(texts.post_keys(), times, author_codes, params.window)
        ok = texts.similar(texts.post_text[i], texts.post_text[j])
        pairs["co_similar"] = (i[ok], j[ok])
    if "co_link" in params.kinds:
        rows, keys = link_rows(posts.links, normalize)
        if len(rows):
            i, j = window_pairs(keys, times[rows], author_codes[rows], params.window)
            i, j = rows[i], rows[j]
            both = np.unique(np.stack([i, j], axis=1), axis=0)  # two shared links are one act
            pairs["co_link"] = (both[:, 0], both[:, 1])
        else:
            pairs["co_link"] = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    if "co_group" in params.kinds:
        group_codes, group_values = _codes(posts.groups)
        if None in group_values:
            group_codes = np.where(group_codes == group_values.index(None), -1, group_codes)
        pairs["co_group"] = window_pairs(group_codes, times, author_codes, params.window)
    return pairs


def edges_from_pairs(posts: Posts, pairs: dict, params: Params) -> list[Edge]:
    author_codes, author_values = posts.author_codes()
    n_authors = max(len(author_values), 1)
    edges = []
    for kind, (i, j) in pairs.items():
        if not len(i):
            continue
        ai, aj = author_codes[i], author_codes[j]
        lo, hi = np.minimum(ai, aj), np.maximum(ai, aj)
        key = lo * n_authors + hi
        order = np.argsort(key, kind="stable")
        key_sorted = key[order]
        unique, starts, counts = np.unique(key_sorted, return_index=True, return_counts=True)
        strong = counts >= params.min_weight
        unique, starts, counts = unique[strong], starts[strong], counts[strong]
        for k, start, count in zip(unique.tolist(), starts.tolist(), counts.tolist(), strict=True):
            chosen = order[start : start + min(count, params.max_evidence)]
            evidence = [(posts.ids[i[x]], posts.ids[j[x]]) for x in chosen.tolist()]
            edges.append(Edge(kind, author_values[k // n_authors], author_values[k % n_authors], count, evidence))
    return edges


def clusters_from_edges(edges: Iterable[Edge]) -> list[list]:
    """Connected accounts, biggest (then heaviest) cluster first."""
    import networkx as nx

    graph: nx.Graph[Hashable] = nx.Graph()
    edges = list(edges)
    graph.add_edges_from((edge.a, edge.b) for edge in edges)
    number = {}
    members: list[set] = []
    for nodes in nx.connected_components(graph):
        for node in nodes:
            number[node] = len(members)
        members.append(nodes)
    weights = [0] * len(members)
    for edge in edges:
        weights[number[edge.a]] += edge.weight
    components = [(len(nodes), weights[n], sorted(nodes, key=str)) for n, nodes in enumerate(members)]
    components.sort(key=lambda c: (-c[0], -c[1], str(c[2][0])))
    return [c[2] for c in components]


def detect(posts: Posts, params: Params, normalize: Callable[[str], str] | None = None) -> Result:
    enabled = gc.isenabled()
    gc.disable()  # many long-lived small objects; collection passes would only cost time
    try:
        return _detect(posts, params, normalize)
    finally:
        if enabled:
            gc.enable()


def _detect(posts: Posts, params: Params, normalize: Callable[[str], str] | None = None) -> Result:
    stats = {"posts": len(posts)}
    pairs = find_pairs(posts, params, normalize, stats)
    edges = edges_from_pairs(posts, pairs, params)
    clusters = clusters_from_edges(edges)
    stats.update(
        {kind: int(len(i)) for kind, (i, _) in pairs.items()},
        edges=len(edges),
        clusters=len(clusters),
        accounts=sum(len(c) for c in clusters),
    )
    return Result(edges, clusters, pairs, stats)
