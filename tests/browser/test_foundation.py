import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_an_indonesian_login_page_at_the_root(page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.get_by_role("heading", name="Masuk ke Pantau").is_visible()


def test_it_logs_in_moves_through_pages_and_logs_out(page, login_as, analyst):
    login_as(analyst)
    assert page.get_by_role("heading", name="Ringkasan").is_visible()
    page.get_by_role("link", name="Pekerjaan").click()
    assert page.get_by_role("heading", name="Pekerjaan latar belakang").is_visible()
    page.get_by_role("button", name="Keluar").click()
    assert page.get_by_role("heading", name="Masuk ke Pantau").is_visible()
    assert page.csp_errors == []


def test_it_switches_the_interface_to_english(page, login_as, analyst):
    login_as(analyst)
    with page.expect_navigation():
        page.select_option("#lang-select", "en")
    assert page.get_by_role("heading", name="Overview").is_visible()
    assert page.locator("html").get_attribute("lang") == "en"
