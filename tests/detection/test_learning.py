"""Retraining learns from the office's decisions on every label, and a worse candidate is not offered."""

import io
import json
import random

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from pantau.detection import comparison, engine, files, services
from pantau.detection.training import HEAD_MIN_REVIEWS

HEADER = (
    "Tweet,HS,Abusive,HS_Individual,HS_Group,HS_Religion,HS_Race,HS_Physical,HS_Gender,HS_Other,"
    "HS_Weak,HS_Moderate,HS_Strong\n"
)
BAD = "dasar goblok kamu bodoh {i},1,1,1,0,1,0,0,0,0,1,0,1\n"
GOOD = "selamat pagi warga semua {i},0,0,0,0,0,0,0,0,0,0,0,0\n"
# Money or goods tied to the vote, in words the shipped lexicons do not know, and harmless
# neighbourhood news in the same words: only the office's decisions tell them apart.
OFFERS = [
    "besok sore ada bingkisan titipan tim pemenangan buat yang ke tps {w}",
    "bingkisan dari tim pemenangan sudah sampai rt {w}, asal hari rabu ke tps",
    "titipan tim pemenangan: bingkisan per kepala keluarga, ingat ke tps {w}",
]
HARMLESS = [
    "bingkisan lebaran dari pengurus masjid sudah dibagi di rt {w}",
    "pengurus masjid membagi bingkisan untuk anak yatim di rt {w}",
    "arisan ibu ibu rt {w} membagi bingkisan ulang tahun",
]
WORDS = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho".split()


@pytest.fixture
def models_home(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "models_dir", lambda: tmp_path / "models")
    return tmp_path


def _base(tmp_path, shuffled=False):
    rows = [BAD.format(i=i) for i in range(30)] + [GOOD.format(i=i) for i in range(30)]
    if shuffled:  # labels that no longer go with the words: a model learns nothing from them
        rng = random.Random(3)
        labels = [r.split(",", 1)[1] for r in rows]
        rng.shuffle(labels)
        rows = [f"{r.split(',', 1)[0]},{lab}" for r, lab in zip(rows, labels, strict=True)]
    path = tmp_path / ("shuffled.csv" if shuffled else "base.csv")
    path.write_text(HEADER + "".join(rows), encoding="latin-1")
    return path


def _review_politik_uang(make_post, analyst, per_kind=30):
    items_yes, items_no = [], []
    for i in range(per_kind):
        w = f"{WORDS[i % len(WORDS)]}{i}"
        items_yes.append((make_post(OFFERS[i % 3].format(w=w)), "politik_uang"))
        items_no.append((make_post(HARMLESS[i % 3].format(w=w)), "politik_uang"))
    services.record_reviews(items_yes, "confirmed", analyst)
    services.record_reviews(items_no, "rejected", analyst)


def _train(path, version, **kwargs):
    return services.train_model(path, progress=lambda m: None, version=version, folds=2, **kwargs)


def test_it_gives_a_lexicon_label_with_enough_reviews_its_own_head(make_post, analyst, models_home):
    post = "ada bingkisan titipan tim pemenangan, jangan lupa ke tps"
    assert "politik_uang" not in engine.default_detector().classify([post])[0]["flagged"]
    _review_politik_uang(make_post, analyst)
    model, target = _train(_base(models_home), "heads", with_reviews=True)
    head = model.meta["heads"]["politik_uang"]
    assert head["reviews"] >= HEAD_MIN_REVIEWS and head["confirmed"] and head["rejected"]
    detector = engine.load_detector(target)
    offer, news = detector.classify([post, "pengurus masjid membagi bingkisan lebaran"])
    assert "politik_uang" in offer["flagged"]
    assert "pemenangan" in offer["explanation"]["politik_uang"]  # the post's own words
    assert "politik_uang" not in news["flagged"]
    assert "## The office's reviews" in (target / "MODEL_CARD.md").read_text()


def test_it_gives_no_head_to_a_label_with_too_few_reviews(make_post, analyst, models_home):
    _review_politik_uang(make_post, analyst, per_kind=5)
    model, _ = _train(_base(models_home), "few", with_reviews=True)
    assert "politik_uang" not in model.meta["heads"]
    assert "too few decisions" in model.meta["heads_refused"]["politik_uang"]


def test_it_never_learns_a_hoax_from_reviews(make_post, analyst, models_home):
    alarm = "SEBARKAN!!! berita penting {w}, pemerintah menyembunyikan ini, viral sebelum dihapus"
    calm = "jadwal posyandu di rt {w} pindah ke hari kamis"
    confirmed = [(make_post(alarm.format(w=w)), "hoaks") for w in WORDS * 2]
    rejected = [(make_post(calm.format(w=w)), "hoaks") for w in WORDS * 2]
    services.record_reviews(confirmed, "confirmed", analyst)
    services.record_reviews(rejected, "rejected", analyst)
    model, target = _train(_base(models_home), "nohoax", with_reviews=True)
    assert "hoaks" not in model.meta["heads"] and "hoaks" not in model.labels
    (result,) = engine.load_detector(target).classify([alarm.format(w="baru") + " GAWAT!!! awas"])
    assert "hoaks" not in result["flagged"]


def test_it_holds_back_a_fifth_of_the_reviewed_posts_and_compares_on_them(make_post, analyst, models_home):
    _review_politik_uang(make_post, analyst)
    model, _ = _train(_base(models_home), "held", with_reviews=True)
    held = model.meta["data"]["reviews_held_back"]
    assert 0 < held < model.meta["data"]["reviews"]
    result = model.meta["comparison"]
    assert result["reviews"]["new"]["decisions"] == held
    # The shipped model has no head: the candidate agrees with more of the held-back decisions.
    assert result["reviews"]["new"]["agreement"] > result["reviews"]["old"]["agreement"]
    assert result["offered"] and services.activate_model("held")


def test_it_does_not_offer_a_candidate_worse_on_the_base_data(make_post, analyst, models_home):
    _train(_base(models_home), "good")
    services.activate_model("good")
    out = io.StringIO()
    call_command(
        "model", "retrain", "--data", str(_base(models_home, shuffled=True)), "--version", "worse", "--folds", "2",
        stdout=out, stderr=io.StringIO(),
    )  # fmt: skip
    printed = out.getvalue()
    assert "not offered: worse on the base data" in printed and "pantau model activate worse" not in printed
    meta = json.loads((models_home / "models" / "worse" / "model.json").read_text())
    assert {r["kind"] for r in meta["comparison"]["reasons"]} == {"base"}
    with pytest.raises(CommandError, match="not offered for activation: worse on the base data"):
        call_command("model", "activate", "worse", stdout=io.StringIO())
    assert files.active_model_dir() == models_home / "models" / "good"


def test_it_does_not_offer_a_candidate_worse_on_the_held_back_reviews():
    old = {"version": "a", "metrics": {"kasar": {"macro_f1_at_0_5": 0.9}}}
    new = {"version": "b", "metrics": {"kasar": {"macro_f1_at_0_5": 0.9}}}
    verdict = comparison.compare(old, new, {"agreement": 0.8, "decisions": 20}, {"agreement": 0.7, "decisions": 20})
    assert not verdict["offered"]
    assert comparison.describe_in_english(verdict["reasons"][0]) == (
        "worse on the held-back reviews: agreement 0.8 -> 0.7 over 20 decisions"
    )
    assert comparison.compare(old, new, {"agreement": 0.8}, {"agreement": 0.8, "decisions": 20})["offered"]


def test_it_shows_why_a_candidate_is_not_offered_and_refuses_to_activate_it(
    client_for, coordinator, models_home, make_post
):
    model, target = _train(_base(models_home), "refused")
    meta = json.loads((target / "model.json").read_text())
    meta["comparison"] = comparison.compare(
        {"version": "x"}, meta, {"agreement": 0.9, "decisions": 10}, {"agreement": 0.5, "decisions": 10}
    )
    (target / "model.json").write_text(json.dumps(meta))
    client = client_for(coordinator)
    body = client.get(reverse("detection:models")).content.decode()
    assert "refused" in body and "0.9 → 0.5" in body
    assert 'name="version" value="refused"' not in body
    response = client.post(reverse("detection:activate"), {"version": "refused"}, follow=True)
    assert files.active_model_dir() != target
    assert response.status_code == 200


def test_it_measures_a_held_out_topic_and_writes_it_with_the_confusion_into_the_card(models_home):
    rows = [BAD.format(i=i) for i in range(30)] + [GOOD.format(i=i) for i in range(30)]
    rows += [BAD.format(i=f"jokowi {i}") for i in range(10)] + [GOOD.format(i=f"jokowi {i}") for i in range(10)]
    path = models_home / "topics.csv"
    path.write_text(HEADER + "".join(rows), encoding="latin-1")
    model, target = _train(path, "topics", cross_source=True)
    part = model.meta["cross_source"]["pilpres_2019"]
    assert (part["train"], part["test"]) == (60, 20)
    kasar = part["labels"]["kasar"]
    assert kasar["tp"] + kasar["fn"] == 10 and kasar["fp"] + kasar["tn"] == 10
    card = (target / "MODEL_CARD.md").read_text()
    assert "| pilpres_2019 (60 train / 20 test) | kasar |" in card
    assert "| kasar | " in card.split("Confusion by label (out-of-fold")[1]
