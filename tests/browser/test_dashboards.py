from datetime import UTC, date, datetime, timedelta

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CAMPAIGN_DAYS = (date(2024, 11, 27) - date(2024, 9, 25)).days + 1


def test_the_default_dashboard_shows_the_campaign_days_with_dates_and_stages_after_a_capture_today(
    page, login_as, analyst
):
    from pantau.intake.models import Post
    from pantau.intake.services import capture_post

    for i in range(CAMPAIGN_DAYS):
        when = datetime(2024, 9, 25, 3, tzinfo=UTC) + timedelta(days=i)
        Post.objects.create(natural_key=f"c:{i}", platform="facebook", text=f"pos {i}", posted_at=when)
    capture_post(
        user=analyst, url="https://www.facebook.com/bartim/posts/1", platform="facebook", text="Ditangkap hari ini",
        seen_at=datetime.now(UTC), posted_at=datetime.now(UTC), files=[], ip="127.0.0.1",
    )  # fmt: skip

    login_as(analyst)
    page.get_by_role("link", name="Dasbor").first.click()
    page.wait_for_load_state()
    trend = page.locator("#panel-trend svg")
    assert trend.locator("a rect").count() == CAMPAIGN_DAYS
    days = trend.locator("text.day").all_text_contents()
    assert days[0] == "25 Sep" and len(days) > 5
    assert trend.locator("text.year").all_text_contents() == ["2024"]
    bands = trend.locator("text.band-label").all_text_contents()
    assert bands == ["Kampanye", "Masa tenang", "Hari pemungutan suara"]
    titles = " ".join(trend.locator("rect title").all_text_contents())
    assert "2024-09-25: 1" in titles and "2024-11-27: 1" in titles
    assert datetime.now(UTC).strftime("%Y-%m-%d") not in titles
    chosen = page.locator(".presets a.chosen")
    assert chosen.inner_text().startswith("Kampanye sampai pemungutan suara")
    totals = page.locator(".stage-totals").inner_text()
    assert "60 Kampanye" in totals and "3 Masa tenang" in totals and "1 Hari pemungutan suara" in totals

    page.locator(".presets a", has_text="Masa tenang").click()
    page.wait_for_load_state()
    assert page.locator("#panel-trend svg a rect").count() == 3
    page.get_by_role("link", name="Postingan yang sesuai").click()
    page.wait_for_load_state()
    assert "from=2024-11-24" in page.url and "to=2024-11-26" in page.url
    assert [e for e in page.csp_errors if "Content Security Policy" in e or "Refused" in e] == []
