"""The detection algorithm, without a database."""

import random

import numpy as np
import pytest

from pantau.coordination import engine

BASE = "Warga harus tahu paslon nomor dua mau menjual tanah adat kita semua"
T0 = 1_730_000_000


def posts(rows):
    """rows: (id, author, seconds after T0, text, links[, group])."""
    return engine.Posts.from_rows(
        {
            "id": r[0],
            "author_id": r[1],
            "time": T0 + r[2],
            "text": r[3],
            "links": r[4],
            "group_id": r[5] if len(r) > 5 else None,
        }
        for r in rows
    )


def two_bursts(text_a=BASE, text_b=BASE, gap=60):
    return [
        ("p1", "alice", 0, text_a, []),
        ("p2", "bob", gap, text_b, []),
        ("p3", "alice", 86400, text_a, []),
        ("p4", "bob", 86400 + gap, text_b, []),
    ]


def edges_of(rows, **params):
    return engine.detect(posts(rows), engine.Params(**params)).edges


def test_it_canonicalises_case_urls_mentions_punctuation_and_elongations():
    text = "BANGEEET!!  Cek https://x.example/a?b=1 @budi_99 ,  #Pilkada   jujur..."
    assert engine.canonical(text) == "banget cek pilkada jujur"


def test_it_keeps_doubled_letters_that_are_real():
    assert engine.canonical("Maaf saat ini") == "maaf saat ini"


def test_it_finds_exact_copies_within_the_window():
    [edge] = edges_of(two_bursts())
    assert (edge.kind, edge.a, edge.b, edge.weight) == ("co_similar", "alice", "bob", 2)
    assert edge.evidence == [("p1", "p2"), ("p3", "p4")]


def test_it_ignores_copies_outside_the_window():
    assert edges_of(two_bursts(gap=901), window=900) == []


def test_it_needs_the_minimum_number_of_repeated_acts():
    assert edges_of(two_bursts()[:2], min_weight=2) == []
    assert len(edges_of(two_bursts()[:2], min_weight=1)) == 1


def test_it_finds_copies_with_a_lead_in_and_a_hashtag_by_overlap():
    copy = "Baca ini: " + BASE + " #Bartim2024 sebarkan!"
    assert len(edges_of(two_bursts(BASE, copy), measure="overlap")) == 1


def test_it_holds_jaccard_to_the_threshold():
    copy = "Baca ini: " + BASE + " #Bartim2024 sebarkan!"
    assert edges_of(two_bursts(BASE, copy), measure="jaccard", similarity=0.8) == []


def test_it_finds_near_duplicates_with_a_replaced_word():
    copy = BASE.replace("menjual", "merampas")
    assert len(edges_of(two_bursts(BASE, copy), measure="jaccard")) == 1


def test_it_does_not_match_different_texts():
    other = "Harga sawit turun lagi semoga bupati terpilih memperhatikan petani kita"
    assert edges_of(two_bursts(BASE, other)) == []


def test_it_ignores_posts_shorter_than_min_tokens():
    assert edges_of(two_bursts("ayo pilih dia", "ayo pilih dia"), min_tokens=5) == []


def test_it_ignores_the_same_author_posting_twice():
    rows = [("p1", "alice", 0, BASE, []), ("p2", "alice", 10, BASE, [])] * 1
    assert edges_of(rows, min_weight=1) == []


def test_it_finds_the_same_link_after_normalisation():
    rows = [
        ("p1", "a", 0, "satu", ["https://m.facebook.com/groups/1/permalink/2/?mibextid=x"]),
        ("p2", "b", 30, "dua", ["https://www.facebook.com/groups/1/permalink/2"]),
    ]
    [edge] = edges_of(rows, min_weight=1)
    assert edge.kind == "co_link"


def test_it_treats_empty_links_as_no_link():
    rows = [("p1", "a", 0, "satu", ["", "  "]), ("p2", "b", 30, "dua", [""])]
    assert edges_of(rows, min_weight=1) == []


def test_it_counts_two_shared_links_in_one_pair_of_posts_once():
    links = ["https://a.example/1", "https://b.example/2"]
    [edge] = edges_of([("p1", "a", 0, "x", links), ("p2", "b", 5, "y", links)], min_weight=1)
    assert edge.weight == 1


def test_it_finds_co_group_posting_only_when_asked():
    rows = [("p1", "a", 0, "satu", [], "g1"), ("p2", "b", 30, "dua", [], "g1"), ("p3", "c", 40, "tiga", [], None)]
    assert edges_of(rows, min_weight=1) == []
    [edge] = edges_of(rows, min_weight=1, kinds=("co_group",))
    assert (edge.kind, edge.a, edge.b) == ("co_group", "a", "b")


def test_it_groups_connected_accounts_into_clusters_biggest_first():
    rows = two_bursts()
    rows += [
        (f"q{i}", a, 5000 + i, "Jangan pilih paslon satu mereka mau mengusir suku kita", [])
        for i, a in enumerate(["carol", "dave", "erin"])
    ]
    rows += [
        (f"r{i}", a, 9000 + i, "Jangan pilih paslon satu mereka mau mengusir suku kita", [])
        for i, a in enumerate(["carol", "dave", "erin"])
    ]
    result = engine.detect(posts(rows), engine.Params())
    assert result.clusters == [["carol", "dave", "erin"], ["alice", "bob"]]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_window_pairs_matches_brute_force(seed):
    rng = np.random.default_rng(seed)
    n = 300
    keys = rng.integers(-1, 5, n)
    times = rng.integers(0, 3000, n).astype(float)
    authors = rng.integers(0, 20, n)
    i, j = engine.window_pairs(keys, times, authors, 200)
    found = {frozenset(p) for p in zip(i.tolist(), j.tolist(), strict=True)}
    expected = {
        frozenset((x, y))
        for x in range(n)
        for y in range(x + 1, n)
        if keys[x] >= 0 and keys[x] == keys[y] and abs(times[x] - times[y]) <= 200 and authors[x] != authors[y]
    }
    assert found == expected and len(i) == len(expected)


def test_lsh_finds_near_duplicates_among_many_texts():
    rng = random.Random(5)
    words = [f"w{k}" for k in range(2000)]
    texts = [" ".join(rng.sample(words, 15)) for _ in range(2000)]
    copy = texts[10].split()
    copy[3] = "lain"
    texts.append(" ".join(copy))
    index = engine.TextIndex(texts, engine.Params(measure="jaccard"))
    assert index.family[index.post_text[10]] == index.family[index.post_text[-1]]
    assert len(set(index.family.tolist())) == 2000


def test_lsh_shape_reaches_the_recall_at_the_threshold():
    bands, rows = engine.lsh_shape(64, 0.7)
    assert 1 - (1 - 0.7**rows) ** bands >= 0.97
    assert bands * rows <= 64


@pytest.mark.parametrize(
    "bad",
    [
        {"window": 0},
        {"similarity": 0},
        {"similarity": 1.5},
        {"min_weight": 0},
        {"kinds": ("co_x",)},
        {"measure": "cosine"},
    ],
)
def test_it_refuses_bad_parameters(bad):
    with pytest.raises(ValueError):
        engine.Params(**bad)
