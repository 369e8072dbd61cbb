"""Rate limits of the public pages, counted in a database table so every web process agrees.

Fixed windows per (scope, who), one row each (models.RateCount); counting is one upsert
statement that adds to the row and returns its count, so concurrent processes never lose a
count, and a report's counts are written in the report's own transaction. Windows that have
ended are deleted by a routine (purge_rate_counts).

Reports count per browser (a signed random token in a cookie) and, with a much higher limit,
per address: a whole village behind one mobile-carrier address must be able to report, and
only reports that were accepted count, so mistakes in the form never lock anyone out. Past a
limit a person answers a question (challenge.py) instead of being refused. Status look-ups
count every attempt per address: they guard the receipt codes against guessing.
"""

import secrets
import time

from django.conf import settings
from django.db import connection

from pantau.core.client import client_ip

from .models import RateCount

WINDOW_SECONDS = 3600
BROWSER_COOKIE = "pantau_pelapor"
BROWSER_COOKIE_SALT = "pantau.reports.browser"
BROWSER_COOKIE_AGE = 365 * 24 * 3600


def _key(scope: str, who: str) -> str:
    return f"{scope}:{who or 'unknown'}"[:200]


def _window_start(window: int = WINDOW_SECONDS) -> int:
    return int(time.time()) // window * window


def _columns() -> tuple[str, str, str, str]:
    qn = connection.ops.quote_name
    return qn(RateCount._meta.db_table), qn("key"), qn("window_start"), qn("count")


def _current(keys: list[str], window: int = WINDOW_SECONDS) -> dict[str, int]:
    """The counts of these keys in the current window (absent: none yet).

    In plain SQL, as _count is: it runs on every report, and the ORM's query building costs more than the query.
    """
    table, key, start_, count = _columns()
    sql = f"SELECT {key}, {count} FROM {table} WHERE {start_} = %s AND {key} IN ({', '.join(['%s'] * len(keys))})"
    with connection.cursor() as cursor:
        cursor.execute(sql, [_window_start(window), *keys])
        return dict(cursor.fetchall())


def _count(keys: list[str], window: int) -> dict[str, int]:
    """Add one to each key's count in the current window; the counts after adding."""
    table, key, start_, count = _columns()
    start = _window_start(window)
    rows = ", ".join(["(%s, %s, 1)"] * len(keys))
    sql = (
        f"INSERT INTO {table} ({key}, {start_}, {count}) VALUES {rows} "
        f"ON CONFLICT ({key}, {start_}) DO UPDATE SET {count} = {table}.{count} + 1 RETURNING {key}, {count}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for name in keys for value in (name, start)])
        return dict(cursor.fetchall())


def hit(scope: str, request, limit: int, window: int = WINDOW_SECONDS) -> bool:
    """Count one attempt; False when the address is over its limit for this window."""
    key = _key(scope, client_ip(request))
    return _count([key], window)[key] <= limit


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


def _report_keys(request, browser: str) -> dict[str, int]:
    return {
        _key("report-browser", browser): settings.PANTAU_REPORT_BROWSER_LIMIT,
        _key("report-address", client_ip(request)): settings.PANTAU_REPORT_ADDRESS_LIMIT,
    }


def reports_over_limit(request, browser: str) -> bool:
    """Whether this browser or its address has sent as many accepted reports as it may this hour."""
    limits = _report_keys(request, browser)
    return any(count >= limits[key] for key, count in _current(list(limits)).items())


def count_report(request, browser: str) -> None:
    """Count one accepted report for the browser and for its address."""
    _count(list(_report_keys(request, browser)), WINDOW_SECONDS)


def purge_rate_counts() -> int:
    """Delete the counts of windows that have ended; returns how many."""
    deleted, _ = RateCount.objects.filter(window_start__lt=_window_start()).delete()
    return deleted
