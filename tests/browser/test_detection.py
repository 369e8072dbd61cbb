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
