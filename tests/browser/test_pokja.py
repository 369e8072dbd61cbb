"""A pokja meeting in a real browser: planned, agenda from the inventory, held, action tracked to done."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def flagged(db):
    from pantau.inventory.models import Account

    return Account.objects.create(
        platform="facebook", platform_id="provokator", name="Akun Provokator", status="ditandai", risk_score=90.0
    )


def csp_violations(page):
    # Chromium's favicon request 404s are not ours to judge here; CSP refusals are.
    return [error for error in page.csp_errors if "favicon" not in error and "404" not in error]


def submit(page, action_part):
    with page.expect_navigation():
        page.locator(f"form[action*='{action_part}'] button[type=submit]").first.click()


def test_it_takes_a_meeting_from_planned_to_held_and_its_action_to_done(
    page, login_as, coordinator, pokja_member, flagged
):
    from pantau.people.models import Agency

    diskominfo = Agency.objects.get(code="diskominfo")
    login_as(coordinator)
    page.goto("/pokja/rapat/baru/")
    page.fill("#id_title", "Rapat Pokja Media Sosial")
    page.fill("#id_starts_at", "2024-10-31T09:00")
    page.select_option("#id_mode", "online")
    page.fill("#id_link", "https://zoom.us/j/123")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("#meeting-status").get_attribute("class").endswith("badge-planned")

    page.locator("#invitees summary").click()
    page.select_option("#id_inv-agency", str(diskominfo.pk))
    page.fill("#id_inv-name", "Budi")
    submit(page, "/undangan/")
    assert "Budi" in page.locator("#invitees").inner_text()

    submit(page, "/agenda/usulan/")
    assert "Akun Provokator" in page.locator("#agenda").inner_text()

    page.locator("#hold input[name=attended]").first.check()
    page.fill("#id_minutes", "Rapat membahas akun yang ditandai.")
    submit(page, "/selenggarakan/")
    assert page.locator("#meeting-status").get_attribute("class").endswith("badge-held")

    page.locator("#actions summary").click()
    page.fill("#id_act-title", "Undang admin grup Facebook")
    page.select_option("#id_act-owner_agency", str(diskominfo.pk))
    page.fill("#id_act-due_date", "2024-11-01")
    submit(page, "/tindak-lanjut/")
    assert "Undang admin grup Facebook" in page.locator("#actions").inner_text()
    assert csp_violations(page) == []

    page.context.clear_cookies()
    login_as(pokja_member)
    page.goto("/pokja/tindak-lanjut/")
    page.select_option("select[name=status]", "done")
    submit(page, "/status/")
    assert page.locator("td .badge-done").count() == 1
    assert csp_violations(page) == []
