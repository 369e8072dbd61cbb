"""Issue #17 part 1: names do not decide, long posts are read by their worst part, reported words weigh less."""

import importlib.util
from pathlib import Path

import pytest

from pantau.detection.engine import default_detector, load_detector
from pantau.detection.normalising import NAME, PERSON, PLACE, Masker, build_masker, build_normalizer

ABLATION = Path(__file__).resolve().parents[2] / "bench" / "name_ablation.py"
LONG_POST = (
    "Pagi ini saya ke pasar beli sayur dan ikan. Harga cabai naik lagi, katanya karena hujan. Tetangga saya "
    "juga mengeluh soal harga beras. Di jalan pulang saya lihat spanduk kampanye di mana-mana. Calon bupati "
    "nomor 1 itu dasar tolol, janji terus tapi nol besar. Sore nanti mau ke kebun sawit bersama anak-anak, "
    "semoga tidak hujan lagi. Malamnya kami makan bersama keluarga di rumah nenek."
)


@pytest.fixture(scope="module")
def detector():
    return default_detector()


def scores(detector, texts):
    return [r["labels"] for r in detector.classify(texts)]


def test_it_masks_names_places_mentions_and_pronouns_for_the_model():
    tokens = build_normalizer().tokens("@budi bilang Ridwan Kamil dan lu ke Tamiang Layang")
    assert build_masker().mask(tokens) == [NAME, "bilang", NAME, "dan", PERSON, "ke", PLACE]


def test_it_masks_the_offices_own_candidates(tmp_path, monkeypatch):
    from pantau.detection import normalising

    (tmp_path / "names.txt").write_text("# our candidates\nAmpera Jaya\n", encoding="utf-8")
    monkeypatch.setattr(normalising, "office_names_path", lambda: tmp_path / "names.txt")
    assert build_masker().mask(["ampera", "jaya", "hebat"]) == [NAME, "hebat"]


def test_it_ships_a_model_trained_masked(detector):
    assert detector.model.meta.get("masked") is True
    assert detector.masker is not None


@pytest.mark.parametrize(
    "template",
    ["{} pemimpin yang jujur dan amanah, kerjanya nyata", "{} goblok, tidak becus mengurus rakyat"],
)
def test_it_scores_a_sentence_the_same_whichever_candidate_it_names(detector, template):
    names = ["Jokowi", "Ahok", "Prabowo", "Ridwan Kamil", "Anies"]
    results = scores(detector, [template.format(name) for name in names])
    assert all(r == results[0] for r in results), results


def test_it_tells_praise_from_criticism_of_the_same_candidate_by_the_words(detector):
    praise, insult = detector.classify(["Ahok pemimpin yang jujur dan amanah", "Ahok goblok dan tolol"])
    assert not {"penghinaan", "ujaran_kebencian", "kasar"} & set(praise["flagged"])
    assert "kasar" in insult["flagged"]


def test_it_never_shows_a_placeholder_to_the_analyst(detector):
    result = detector.classify(["@budi lu goblok banget, Ridwan Kamil juga bangsat"])[0]
    shown = " ".join(p for phrases in result["explanation"].values() for p in phrases)
    assert "kasar" in result["flagged"]
    assert "_" not in shown, shown


def test_it_flags_a_long_post_by_its_worst_part_and_shows_that_part(detector):
    result = detector.classify([LONG_POST])[0]
    shown = result["explanation"]["kasar"]
    assert "kasar" in result["flagged"]
    part = shown[0]
    assert "dasar tolol" in part and part in " ".join(LONG_POST.split()) and len(part) < len(LONG_POST)


def test_the_worst_part_scores_higher_than_the_whole_long_post_would(detector):
    windowed = detector.classify([LONG_POST])[0]["labels"]["kasar"]
    model = detector.model
    probs, _ = model.scores([detector.masker.mask(detector.normalizer.tokens(LONG_POST))])
    whole = probs[0, model.labels.index("kasar")]
    assert whole < model.thresholds["kasar"] <= windowed or windowed > whole


@pytest.mark.parametrize(
    "text, why",
    [
        ('Ada yang bilang calon bupati "goblok" di grup desa', "quoted"),
        ("Warga melaporkan akun yang menyebut calon bupati goblok ke Bawaslu", "reported: melaporkan"),
        ("TAMIANG LAYANG - Akun yang menyebut calon bupati goblok dilaporkan", "news report"),
        ("Calon bupati itu bukan orang bodoh, programnya jelas", "negated: bukan"),
    ],
)
def test_it_weakens_an_insult_that_is_quoted_reported_or_negated(detector, text, why):
    result = detector.classify([text])[0]
    assert "penghinaan" not in result["flagged"]
    assert f"(weakened: {why})" in result["explanation"]["penghinaan"]
    assert 0 < result["labels"]["penghinaan"] < 0.5


def test_it_still_flags_the_insult_said_outright(detector):
    assert "penghinaan" in detector.classify(["Calon bupati goblok, tidak tahu malu"])[0]["flagged"]


def test_it_does_not_weaken_a_quoted_offer_of_money_which_is_still_an_offer(detector):
    result = detector.classify(['Kata tim sukses di grup: "ada amplop 200rb per KK asal coblos no 2"'])[0]
    assert "politik_uang" in result["flagged"]
    assert not any(p.startswith("(weakened") for p in result["explanation"]["politik_uang"])


def test_it_keeps_an_unmasked_model_working_unmasked(tmp_path):
    from pantau.detection.linear import SHIPPED_MODEL_DIR, LinearModel

    model = LinearModel.load(SHIPPED_MODEL_DIR)
    model.meta.pop("masked")
    model.save(tmp_path)
    assert load_detector(tmp_path).masker is None


def test_the_ablation_finds_no_spread_over_names_with_masking(detector):
    spec = importlib.util.spec_from_file_location("name_ablation", ABLATION)
    ablation = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ablation)
    figures = ablation.ablation(detector)
    spreads = [v["max_spread"] for kind in figures.values() for v in kind.values()]
    assert spreads and max(spreads) == 0
    assert figures["criticism"]["kasar"]["mean_score"] > 0.5 > figures["praise"]["kasar"]["mean_score"]


def test_a_masker_without_names_leaves_words_alone():
    assert Masker([], []).mask(["warga", "desa"]) == ["warga", "desa"]
