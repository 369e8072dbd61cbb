"""Fact-check matching on the measured set that chose its threshold (tests/data/factcheck_pairs.json)."""

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
    data = json.loads(bench.MEASURED_SET.read_text(encoding="utf-8"))
    measured = bench.measure(MATCH_THRESHOLD, data, build_normalizer())
    assert measured["recall"] >= 0.85
    assert measured["precision"] >= 0.9


def test_it_matches_a_headline_repeated_inside_a_long_post_better_with_the_claims_words():
    normalizer = build_normalizer()
    claim = "Surat Edaran Bupati Meliburkan Sekolah agar Guru Ikut Kampanye"
    entries = [{"id": 1, "claim": claim, "url": "u", "normalised": normalizer.normalize(claim)}]
    post = normalizer.normalize(
        "Selamat pagi semua, cuaca cerah, petani sudah ke kebun karet sejak subuh dan pasar ramai. Anak saya "
        "cerita, katanya surat edaran bupati meliburkan sekolah agar guru ikut kampanye minggu depan."
    )
    (chars_only,) = FactCheckMatcher(entries, 0.0, word_weight=0.0).match([post])
    (both,) = FactCheckMatcher(entries, 0.0).match([post])
    assert both["similarity"] > chars_only["similarity"]
    assert both["similarity"] >= MATCH_THRESHOLD


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
