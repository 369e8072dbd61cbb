import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_analyst_confirms_twenty_review_items_in_one_action(page, login_as, analyst):
    from pantau.detection.models import Classification, Review
    from pantau.intake.models import Post

    for n in range(20):
        post = Post.objects.create(natural_key=f"t:{n}", platform="facebook", text=f"Serangan fajar amplop nomor {n}")
        Classification.objects.create(post=post, flagged=["politik_uang"], severity=3, model_version="t")
    login_as(analyst)
    page.goto("/deteksi/")
    boxes = page.get_by_role("checkbox", name="Centang Politik uang")
    assert boxes.count() == 20
    page.get_by_label("Pilih semua label di halaman ini").check()
    assert all(boxes.nth(i).is_checked() for i in range(20))
    posted = []
    page.on("request", lambda request: posted.append(request.url) if request.method == "POST" else None)
    page.get_by_role("button", name="Konfirmasi label yang dicentang").click()
    page.wait_for_load_state()
    assert page.get_by_text("20 keputusan disimpan.").is_visible()
    assert page.get_by_text("Tidak ada yang perlu ditinjau.").is_visible()
    assert len(posted) == 1 and posted[0].endswith("/deteksi/review/bulk/")
    assert Review.objects.filter(decision="confirmed", label="politik_uang", user=analyst).count() == 20
    assert [e for e in page.csp_errors if "Content Security Policy" in e or "Refused" in e] == []


def test_an_analyst_filters_the_posts_list_and_saves_the_search(page, login_as, analyst):
    from pantau.detection.models import Classification
    from pantau.intake.models import Post, SavedSearch

    for n, (labels, platform) in enumerate([(["politik_uang"], "facebook"), (["hasutan"], "facebook"), ([], "x")]):
        post = Post.objects.create(natural_key=f"t:{n}", platform=platform, text=f"postingan nomor {n}")
        Classification.objects.create(post=post, flagged=labels, severity=3 if labels else 0, model_version="t")
    login_as(analyst)
    page.goto("/posts/")
    page.get_by_label("Label", exact=True).select_option("politik_uang")
    page.get_by_role("button", name="Cari", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_text("postingan nomor 0").is_visible()
    assert page.get_by_text("postingan nomor 1").count() == 0
    assert page.locator("td .label-tag", has_text="Politik uang").count() == 1
    page.get_by_label("Simpan pencarian ini dengan nama").fill("Politik uang")
    page.get_by_role("button", name="Simpan pencarian").click()
    page.wait_for_load_state()
    assert page.get_by_text("Pencarian disimpan.").is_visible()
    assert SavedSearch.objects.get().params == {"label": "politik_uang"}
