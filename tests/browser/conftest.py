"""Headless Chromium (Debian's package) driven by Playwright; no browser download.

Browser tests are skipped when Chromium is missing, except where
PANTAU_REQUIRE_BROWSER=1 (the README's test command and CI), where they fail.
"""

import os
import shutil
import threading

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        if os.environ.get("PANTAU_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is not installed (apt-get install chromium)")
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.csp_errors = errors
    yield page
    context.close()


@pytest.fixture
def login_as(page):
    from tests.conftest import PASSWORD

    def login(user):
        page.goto("/")
        page.get_by_label("Nama pengguna").fill(user.username)
        page.get_by_label("Kata sandi").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_load_state()
        return page

    return login


@pytest.fixture
def job_runner():
    """Runs queued jobs in a thread, as the worker process would."""
    from django.db import OperationalError, connection

    from pantau.jobs.models import Job, Status
    from pantau.jobs.runner import run_job

    stop = threading.Event()

    def loop():
        try:
            while not stop.wait(0.3):
                try:
                    for job in Job.objects.filter(status=Status.QUEUED):
                        run_job(job.pk)
                except OperationalError:
                    # The test database (SQLite shared cache) locks a table instead of
                    # waiting, while a page writes to it; the job is still queued, try again.
                    continue
        finally:
            connection.close()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    yield
    stop.set()
    thread.join(5)
