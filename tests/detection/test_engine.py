"""The combiner with the shipped model, lexicons and schedule (no database)."""

import json
import os

import pytest

from pantau.detection.engine import default_detector
from pantau.detection.factchecks import FactCheckMatcher
from pantau.detection.lexicons import Lexicons, trigger_words


@pytest.fixture(scope="module")
def detector():
    return default_detector()


def flagged(detector, text, time=None):
    return detector.classify([text], [time] if time else None)[0]["flagged"]


@pytest.mark.parametrize(
    "text, label",
    [
        ("Usir saja pendatang dari Awang, jangan biarkan mereka pilih paslon 2", "hasutan"),
        ("Dasar kafir semua pendukung paslon 1, jangan mau dipimpin mereka", "sara"),
        ("Paslon 2 itu bodoh dan goblok, tidak pantas jadi bupati", "penghinaan"),
        ("Siap-siap serbu posko paslon 3 malam ini, bawa parang", "kekerasan"),
        ("Besok pagi ada amplop 100 ribu per kepala dari tim paslon 1", "politik_uang"),
        ("Kepala desa Paku wajib menangkan paslon 2, ASN yang tidak ikut akan dimutasi", "netralitas"),
        ("Ayo ke TPS 27 November, gunakan hak pilihmu. Pilkada damai!", "positif"),
        ("dasar anjing lu bangsat", "kasar"),
        ("Orang Banjar jangan dipilih, mereka bukan putra daerah", "sara"),
        ("Si tua bangka itu tidak tahu diri, mending mati saja", "penghinaan"),
    ],
)
def test_it_flags_election_violations(detector, text, label):
    assert label in flagged(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "Program beasiswa paslon 1 tidak realistis, anggarannya dari mana?",
        "Rekam jejak petahana soal proyek jalan gagal, janjinya belum terealisasi",
        "Data BPS menunjukkan angka kemiskinan naik, petahana perlu menjelaskan",
        "Calon bupati itu janji palsu terus, kinerjanya buruk selama lima tahun",
    ],
)
def test_it_does_not_flag_criticism_of_a_record_as_insult(detector, text):
    assert {"penghinaan", "ujaran_kebencian"}.isdisjoint(flagged(detector, text))


def test_it_still_flags_an_insult_inside_criticism(detector):
    assert "penghinaan" in flagged(detector, "Programnya gagal total, dasar bupati goblok")


def test_it_does_not_flag_news_about_a_hoax_as_hoax(detector):
    text = "CEK FAKTA: kabar kotak suara sudah dicoblos duluan adalah hoaks, KPU membantah"
    assert "hoaks" not in flagged(detector, text)


HOAX_POST = "BREAKING: kotak suara paslon 1 sudah dicoblos duluan, sebarkan sebelum dihapus"


def test_it_flags_the_hoax_itself_once_its_fact_check_is_loaded(detector):
    claim = {"id": 1, "claim": "Kotak suara paslon 1 sudah dicoblos duluan", "url": "https://cekfakta.example/1"}
    assert "hoaks" in flagged(detector.with_factchecks([claim]), HOAX_POST)


def test_it_does_not_guess_a_hoax_from_the_claims_shape_without_a_fact_check(detector):
    result = detector.classify([HOAX_POST])[0]
    assert "hoaks" not in result["flagged"]
    assert result["explanation"]["hoaks"]  # the claim's words are still shown to the analyst


def test_it_does_not_flag_an_appeal_against_vote_buying(detector):
    result = flagged(detector, "Tolak politik uang! Laporkan serangan fajar ke Bawaslu")
    assert "politik_uang" not in result
    assert "positif" in result


def test_it_flags_campaigning_in_masa_tenang(detector):
    assert "luar_jadwal" in flagged(detector, "Coblos paslon nomor 2 ya!", "2024-11-25T10:00:00+07:00")


def test_it_allows_campaigning_in_the_campaign_period(detector):
    assert "luar_jadwal" not in flagged(detector, "Coblos paslon nomor 2 ya!", "2024-11-05T10:00:00+07:00")


def test_it_flags_campaigning_on_voting_day_given_in_utc(detector):
    assert "luar_jadwal" in flagged(detector, "Coblos paslon nomor 2 ya!", "2024-11-27T01:00:00Z")


def test_it_explains_with_the_phrases_that_matched(detector):
    result = detector.classify(["Besok ada serangan fajar dari tim sukses"])[0]
    assert "serangan fajar" in result["explanation"]["politik_uang"]
    assert result["severity"] == 3


def test_it_explains_model_labels_with_ngrams(detector):
    result = detector.classify(["dasar bodoh lu kampret tolol"])[0]
    assert "kasar" in result["flagged"]
    assert result["explanation"]["kasar"]


def test_it_gives_ordinary_posts_no_flag(detector):
    result = detector.classify(["Jalan poros Dusun Timur masih rusak, semoga segera diperbaiki"])[0]
    assert result["flagged"] == []
    assert result["severity"] == 0


@pytest.mark.parametrize(
    "text",
    [
        "Warga Desa Janah Jari mengeluh jalan rusak parah, calon bupati diminta turun langsung.",
        "Anjing tetangga saya hilang saat pawai kampanye lewat, ada yang lihat?",
        "Babi hutan merusak kebun warga di Desa Jaar, petani minta bantuan pemda.",
        "Umat Kristen dan Islam di Tamiang Layang bergotong royong membersihkan gereja dan masjid.",
        "Suku Banjar, Dayak, Jawa semua bersaudara di Bartim, jangan mau diadu domba.",
        "Calon wakil bupati menghadiri ibadah natal bersama jemaat GKE Tamiang Layang.",
    ],
)
def test_it_does_not_flag_everyday_words_for_animals_damage_or_faith(detector, text):
    assert [label for label in flagged(detector, text) if label != "positif"] == []


def test_it_returns_one_result_per_input_in_order_with_duplicates(detector):
    texts = ["dasar goblok", "selamat pagi", "dasar goblok"]
    results = detector.classify(texts)
    assert [bool(r["flagged"]) for r in results] == [True, False, True]


def test_it_reads_trigger_words_from_patterns():
    assert trigger_words(r"\b(usir|mengusir)\b.{0,5}x") == {"usir", "mengusir"}
    assert trigger_words(r"\bserangan fajar\b") == {"serangan"}
    assert trigger_words(r"\b(\d+ ?ribu)") is None
    assert trigger_words(r"\bhoaks?\b") is None


def test_it_refuses_a_lexicon_with_an_unknown_label(tmp_path):
    path = tmp_path / "lex.json"
    path.write_text('{"version": "x", "labels": {"nope": {"patterns": []}}}')
    with pytest.raises(ValueError):
        Lexicons.load([path])


def test_it_adds_office_lexicon_patterns(tmp_path, settings, monkeypatch):
    from pantau.detection import lexicons

    office = {"version": "office-1", "labels": {"politik_uang": {"patterns": [{"re": r"\bbagi bensin\b"}]}}}
    (tmp_path / "lexicons.json").write_text(json.dumps(office))
    monkeypatch.setattr(lexicons, "office_lexicon_path", lambda: tmp_path / "lexicons.json")
    lex = lexicons.load_lexicons()
    assert "office-1" in lex.version
    assert "politik_uang" in lex.match("besok bagi bensin gratis")


def test_it_matches_a_post_to_a_similar_claim():
    matcher = FactCheckMatcher(
        [{"id": 1, "claim": "c", "url": "u", "normalised": "kotak suara sudah dicoblos duluan oleh kpu"}]
    )
    hit, miss = matcher.match(["katanya kotak suara sudah dicoblos duluan oleh kpu", "harga sawit turun"])
    assert hit["id"] == 1
    assert miss is None


def test_it_ships_versioned_lexicons_with_weights_between_0_and_1():
    from pantau.detection.files import DATA_DIR

    lex = Lexicons.load([DATA_DIR / "lexicons.json"])
    assert lex.version
    weights = [p.weight for pats in lex.patterns.values() for p in pats]
    assert weights and all(0 < w <= 1 for w in weights)


def test_it_does_not_flag_a_chain_message_marker_alone_as_hoax(detector):
    result = detector.classify(["Info lomba tujuh belasan, bagikan ke semua grup!"])[0]
    assert "hoaks" not in result["flagged"]


def test_it_gives_threads_sharing_one_model_the_same_results_as_one_thread():
    from concurrent.futures import ThreadPoolExecutor

    from pantau.detection.engine import load_detector

    words = ["goblok", "pendatang", "usir", "kafir", "warga", "pagi", "bangsat", "paslon", "amplop", "desa"]
    texts = [f"{words[i % 10]} {words[(i * 7) % 10]} kata{i} {words[(i * 3) % 10]}" for i in range(3000)]
    expected = load_detector().classify(texts)
    shared = load_detector()
    with ThreadPoolExecutor(4) as pool:
        parts = list(pool.map(lambda start: shared.classify(texts[start : start + 100]), range(0, 3000, 100)))
    assert [r["labels"] for part in parts for r in part] == [r["labels"] for r in expected]


def test_it_does_not_flag_news_that_a_neutrality_breach_was_reported_to_bawaslu(detector):
    assert "netralitas" in flagged(detector, "Camat Awang berfoto dengan paslon 2 pakai baju dinas")
    news = "Berita: camat Awang berfoto dengan paslon 2 pakai baju dinas, kini dilaporkan ke Bawaslu"
    assert "netralitas" not in flagged(detector, news)


def test_it_explains_with_the_words_the_post_wrote_not_the_normalised_ones(detector):
    result = detector.classify(["Besok AMPLOP 100rb per KK asal coblos no 2, paslon jg oke"])[0]
    assert "politik_uang" in result["flagged"]
    # Two patterns of equal weight match; either may come first, both in the post's own words.
    assert "AMPLOP 100rb per KK asal coblos" in result["explanation"]["politik_uang"]


def test_it_quotes_model_terms_from_the_post(detector):
    result = detector.classify(["dasar b0d0h lu kampret tolol"])[0]
    shown = " ".join(result["explanation"]["kasar"])
    assert "b0d0h" in shown
    assert "bodoh" not in shown


@pytest.mark.parametrize(
    "text",
    ["Calon bupati itu tololnya minta ampun", "dungunya calon bupati kita", "Ketololan calon itu sudah kelihatan"],
)
def test_it_reads_insults_with_suffixes_and_affixes(detector, text):
    assert "penghinaan" in flagged(detector, text)


def test_it_explains_in_the_same_order_whatever_the_hash_seed(tmp_path):
    import subprocess
    import sys

    posts = tmp_path / "posts.jsonl"
    text = "Dasar goblok, tolol dan bodoh, calon bupati itu idiot dan bego, kampret semua"
    posts.write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")

    def explanation(seed: str) -> dict:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-m", "pantau", "detect", str(posts), "--workers", "1"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return json.loads(out.splitlines()[0])["explanation"]

    first = explanation("1")
    assert len(first["penghinaan"]) > 2
    assert all(explanation(seed) == first for seed in ("2", "3", "4"))


def test_it_gives_every_shipped_pattern_trigger_words_so_no_pattern_runs_on_every_post():
    from pantau.detection.files import DATA_DIR

    lex = Lexicons.load([DATA_DIR / "lexicons.json"])
    assert [p.regex.pattern[:60] for _, p in lex._always] == []
