import pytest

from pantau.detection import services
from pantau.detection.models import Classification, FactCheck


def test_it_classifies_posts_without_a_classification(make_post):
    make_post("Paslon 2 itu bodoh dan goblok, tidak pantas jadi bupati")
    make_post("Selamat pagi warga Bartim")
    result = services.classify_new_posts()
    assert result["classified"] == 2
    assert Classification.objects.count() == 2
    assert services.classify_new_posts()["classified"] == 0


def test_it_records_the_model_version(make_post):
    post = make_post("dasar goblok")
    services.classify_new_posts()
    post.classification.refresh_from_db()
    assert post.classification.model_version.startswith("lr-")


def test_it_raises_the_authors_risk_score(make_post):
    post = make_post("Siap-siap serbu posko paslon 3 malam ini, bawa parang")
    services.classify_new_posts()
    post.author.refresh_from_db()
    assert post.author.risk_score > 0


def test_it_raises_the_risk_score_of_the_group_the_post_was_in_on_the_accounts_scale(make_post):
    from pantau.inventory.models import Group

    group = Group.objects.create(platform="facebook", platform_id="g-1", name="Grup Panas")
    post = make_post("Siap-siap serbu posko paslon 3 malam ini, bawa parang")
    post.group = group
    post.save()
    services.classify_new_posts()
    group.refresh_from_db()
    post.author.refresh_from_db()
    assert group.risk_score == post.author.risk_score > 20


def test_it_runs_as_a_background_job(make_post, django_capture_on_commit_callbacks):
    from pantau.jobs.runner import run_job

    make_post("dasar goblok")
    with django_capture_on_commit_callbacks(execute=False):
        job = services.start_classification()
    job = run_job(job.pk)
    assert job.status == "done"
    assert job.result["classified"] == 1


def test_it_labels_a_post_matching_a_false_claim_as_hoax_with_its_fact_check(make_post):
    fc = FactCheck.objects.create(
        key="k1", claim="KPU sudah atur hasil pilkada dan kotak suara sudah dicoblos", url="https://example.org/fc"
    )
    post = make_post("Katanya KPU sudah atur hasil pilkada dan kotak suara sudah dicoblos, ngeri")
    services.classify_new_posts()
    c = Classification.objects.get(post=post)
    assert "hoaks" in c.flagged
    assert c.factcheck == fc


def test_it_queues_unreviewed_flagged_posts_most_severe_first(make_post, analyst):
    low = make_post("dasar goblok kampret")
    high = make_post("Siap-siap serbu posko paslon 3 malam ini, bawa parang")
    make_post("Selamat pagi")
    services.classify_new_posts()
    queue = list(services.review_queue())
    assert [c.post for c in queue] == [high, low]
    services.record_review(high, "kekerasan", "confirmed", analyst)
    assert [c.post for c in services.review_queue()] == [low]


def test_it_refuses_an_unknown_label(make_post, analyst):
    with pytest.raises(ValueError):
        services.record_review(make_post("x"), "nope", "confirmed", analyst)


def test_it_turns_reviews_into_training_examples(make_post, analyst):
    post = make_post("dasar goblok")
    services.record_review(post, "kasar", "confirmed", analyst)
    services.record_review(post, "hasutan", "rejected", analyst)
    services.record_review(post, "netralitas", "confirmed", analyst)  # a lexicon label: it may get a head
    services.record_review(post, "kasar", "rejected", analyst)  # the latest decision counts
    (example,) = services.review_examples()
    assert example.labels == {"kasar": 0, "hasutan": 0, "netralitas": 1}
    assert example.source == "review" and example.post_id == post.pk


def test_it_retrains_stores_a_candidate_and_activates_it(make_post, analyst, tmp_path, settings, monkeypatch):
    from pantau.detection import files

    monkeypatch.setattr(files, "models_dir", lambda: tmp_path / "models")
    data = tmp_path / "data.csv"
    header = (
        "Tweet,HS,Abusive,HS_Individual,HS_Group,HS_Religion,HS_Race,HS_Physical,HS_Gender,HS_Other,"
        "HS_Weak,HS_Moderate,HS_Strong\n"
    )
    bad = [f"dasar goblok kamu bodoh {i}',1,1,1,0,1,0,0,0,0,1,0,1\n" for i in range(30)]
    good = [f"selamat pagi warga semua {i}',0,0,0,0,0,0,0,0,0,0,0,0\n" for i in range(30)]
    data.write_text(header + "".join(bad + good), encoding="latin-1")
    services.record_review(make_post("tolol banget kamu"), "kasar", "confirmed", analyst)
    model, target = services.train_model(data, with_reviews=True, progress=lambda m: None, version="t1", folds=2)
    assert model.meta["data"]["reviews"] + model.meta["data"]["reviews_held_back"] == 1
    assert (target / "weights.npz").exists()
    services.activate_model("t1")
    assert files.active_model_dir() == target
    services.activate_model("shipped")
    assert files.active_model_dir() != target


def test_it_refuses_to_activate_an_unknown_model():
    with pytest.raises(FileNotFoundError):
        services.activate_model("../etc")


def test_it_retrains_on_the_base_data_shipped_in_the_package_without_outside_files(monkeypatch):
    import json

    from pantau.detection.linear import SHIPPED_MODEL_DIR
    from pantau.detection.training import data_fingerprint, read_dataset

    monkeypatch.delenv("PANTAU_TRAINING_DATA", raising=False)
    path = services.training_data_path()
    shipped = json.loads((SHIPPED_MODEL_DIR / "model.json").read_text())["data"]
    assert path.is_relative_to(SHIPPED_MODEL_DIR.parent)
    assert data_fingerprint(path) == shipped["sha256_16"] and len(read_dataset(path)) == shipped["rows"]


def test_it_names_a_missing_training_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.csv"):
        services.training_data_path(str(tmp_path / "nope.csv"))
