"""Fact-check matching on the measured set that chose its threshold (bench/factcheck_pairs.json)."""

import importlib.util
from pathlib import Path

from pantau.detection.factchecks import MATCH_THRESHOLD, FactCheckMatcher
from pantau.detection.normalising import build_normalizer

BENCH = Path(__file__).resolve().parents[2] / "bench" / "factcheck_threshold.py"


def _bench():
    spec = importlib.util.spec_from_file_location("factcheck_threshold", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_finds_paraphrases_of_a_claim_and_rarely_same_topic_posts():
    import json

    bench = _bench()
    data = json.loads((BENCH.parent / "factcheck_pairs.json").read_text(encoding="utf-8"))
    measured = bench.measure(MATCH_THRESHOLD, data, build_normalizer())
    assert measured["recall"] >= 0.9
    assert measured["precision"] >= 0.8


def test_it_matches_a_post_whose_words_take_other_affixes():
    matcher = FactCheckMatcher(
        [{"id": 7, "claim": "c", "url": "u", "normalised": "petugas kpps dibayar untuk mencoblos sisa surat suara"}]
    )
    hit, miss = matcher.match(["katanya kpps dibayar buat nyoblos sisa surat suaranya", "surat suara tiba di gudang"])
    assert hit["id"] == 7
    assert miss is None


def test_it_finds_no_candidate_for_a_post_sharing_only_common_words():
    claims = [
        {"id": i, "claim": "c", "url": "u", "normalised": f"yang di itu klaim nomor{i} palsu"} for i in range(200)
    ]
    assert FactCheckMatcher(claims).match(["yang di itu"]) == [None]
