"""Rate limits of the public pages in Django's cache: no outside service needed.

Fixed windows per (scope, who). One laptop's web process keeps the counts in memory; on
PostgreSQL they live in a cache table, so the limits hold across every web process
(settings.CACHES).

Reports count per browser (a signed random token in a cookie) and, with a much higher limit,
per address: a whole village behind one mobile-carrier address must be able to report, and
only reports that were accepted count, so mistakes in the form never lock anyone out. Past a
limit a person answers a question (challenge.py) instead of being refused. Status look-ups
count every attempt per address: they guard the receipt codes against guessing.
"""

import secrets

from django.conf import settings
from django.core.cache import cache

from pantau.core.client import client_ip

WINDOW_SECONDS = 3600
BROWSER_COOKIE = "pantau_pelapor"
BROWSER_COOKIE_SALT = "pantau.reports.browser"
BROWSER_COOKIE_AGE = 365 * 24 * 3600


def _key(scope: str, who: str) -> str:
    return f"pantau:rl:{scope}:{who or 'unknown'}"


def _count(key: str, window: int) -> int:
    # Counting an existing count first: the window's first attempt is the rare case (a database cache
    # pays a write transaction for every add).
    try:
        return cache.incr(key)
    except ValueError:  # no count in this window yet, or it expired
        if cache.add(key, 1, window):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window)
            return 1


def hit(scope: str, request, limit: int, window: int = WINDOW_SECONDS) -> bool:
    """Count one attempt; False when the address is over its limit for this window."""
    return _count(_key(scope, client_ip(request)), window) <= limit


def browser_token(request) -> str:
    """This browser's token from its signed cookie, or a new one (then set_browser_cookie keeps it)."""
    token = request.get_signed_cookie(BROWSER_COOKIE, default=None, salt=BROWSER_COOKIE_SALT)
    return token or secrets.token_urlsafe(16)


def set_browser_cookie(response, token: str):
    response.set_signed_cookie(
        BROWSER_COOKIE,
        token,
        salt=BROWSER_COOKIE_SALT,
        max_age=BROWSER_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def _report_keys(request, browser: str) -> list[tuple[str, int]]:
    return [
        (_key("report-browser", browser), settings.PANTAU_REPORT_BROWSER_LIMIT),
        (_key("report-address", client_ip(request)), settings.PANTAU_REPORT_ADDRESS_LIMIT),
    ]


def reports_over_limit(request, browser: str) -> bool:
    """Whether this browser or its address has sent as many accepted reports as it may this hour."""
    keys = _report_keys(request, browser)
    counts = cache.get_many([key for key, _limit in keys])
    return any(counts.get(key, 0) >= limit for key, limit in keys)


def count_report(request, browser: str) -> None:
    """Count one accepted report for the browser and for its address."""
    for key, _limit in _report_keys(request, browser):
        _count(key, WINDOW_SECONDS)
