import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_lets_an_analyst_confirm_a_label_in_the_review_queue(page, login_as, analyst):
    from pantau.detection.models import Review
    from pantau.detection.services import classify_new_posts
    from pantau.intake.models import Post

    Post.objects.create(
        natural_key="t:1", platform="facebook", text="Siap-siap serbu posko paslon 3 malam ini, bawa parang"
    )
    classify_new_posts()
    login_as(analyst)
    page.get_by_role("link", name="Antrean tinjauan").click()
    assert page.get_by_role("heading", name="Antrean tinjauan").is_visible()
    page.get_by_role("button", name="Konfirmasi Kekerasan").click()
    page.wait_for_load_state()
    assert page.get_by_text("Keputusan disimpan.").is_visible()
    review = Review.objects.get()
    assert (review.label, review.decision) == ("kekerasan", "confirmed")
    # Chromium may log the missing /favicon.ico; what matters is no CSP violation.
    assert [e for e in page.csp_errors if "Content Security Policy" in e or "Refused" in e] == []


def test_a_review_feeds_a_retrained_model_that_a_coordinator_compares_and_activates(
    page, login_as, analyst, coordinator, job_runner, tmp_path, monkeypatch
):
    from pantau.detection import files
    from pantau.detection.services import classify_new_posts
    from pantau.intake.models import Post

    monkeypatch.setattr(files, "models_dir", lambda: tmp_path / "models")
    data = tmp_path / "base.csv"
    header = "Tweet,HS,Abusive,HS_Individual,HS_Group,HS_Religion,HS_Race,HS_Physical,HS_Gender,HS_Other,"
    rows = [f"dasar goblok kamu bodoh {i},1,1,1,0,1,0,0,0,0,1,0,1" for i in range(30)]
    rows += [f"selamat pagi warga semua {i},0,0,0,0,0,0,0,0,0,0,0,0" for i in range(30)]
    data.write_text(header + "HS_Weak,HS_Moderate,HS_Strong\n" + "\n".join(rows) + "\n", encoding="latin-1")
    monkeypatch.setenv("PANTAU_TRAINING_DATA", str(data))
    Post.objects.create(natural_key="t:2", platform="facebook", text="dasar anjing lu bangsat")
    classify_new_posts()

    login_as(analyst)
    page.goto("/deteksi/")
    page.get_by_role("button", name="Konfirmasi Bahasa kasar").click()
    page.wait_for_load_state()
    page.goto("/deteksi/model/")
    page.get_by_role("button", name="Latih ulang (pekerjaan latar belakang)").click()
    page.get_by_text("Selesai").first.wait_for(timeout=60_000)
    page.goto("/deteksi/model/")
    assert page.get_by_role("heading", name="Kandidat").first.is_visible()
    assert page.get_by_role("button", name="Aktifkan").count() == 0  # an analyst may not switch models

    page.get_by_role("button", name="Keluar").click()
    login_as(coordinator)
    page.goto("/deteksi/model/")
    page.get_by_role("button", name="Aktifkan").first.click()
    page.wait_for_load_state()
    assert page.get_by_text("Model diaktifkan").is_visible()
    assert files.active_model_dir().parent == tmp_path / "models"
