"""Times as exports write them, to aware datetimes. Django-free.

Exports disagree: ISO 8601 with or without an offset, Unix seconds or
milliseconds, Twitter's "Wed Oct 02 03:15:00 +0000 2024", CrowdTangle's
"2024-10-02 10:15:00 WIB". A time without a zone is the office's local time
(`PANTAU_TIME_ZONE`, the same setting Django shows times in).
"""

import re
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pantau.lib.env import ConfigError, env_str

# Abbreviations CrowdTangle and others print after the time.
ZONE_ABBREVIATIONS = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WIB": 7,
    "WITA": 8,
    "WIT": 9,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "PST": -8,
    "PDT": -7,
    "CET": 1,
    "CEST": 2,
    "SGT": 8,
}
ABBREVIATED = re.compile(r"^(.*\d)\s+([A-Z]{1,5})$")
TWITTER = "%a %b %d %H:%M:%S %z %Y"
# Times of social-media posts and messages outside these years are typing or parsing errors.
FIRST_YEAR, LAST_YEAR = 1990, 2100


class BadTime(ValueError):
    pass


def office_tz() -> ZoneInfo:
    return _zone(env_str("PANTAU_TIME_ZONE", "Asia/Jakarta"))


@lru_cache(maxsize=16)
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"PANTAU_TIME_ZONE={name!r} is not a time zone (e.g. Asia/Jakarta)") from exc


def parse_time(value, default_tz=None) -> datetime | None:
    """An aware datetime, None for an empty value, BadTime for something that is not a time."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_epoch(value)
    text = str(value).strip()
    if not text:
        return None
    if re.fullmatch(r"\d{9,13}(\.\d+)?", text):
        return _from_epoch(float(text))
    match = ABBREVIATED.match(text)
    if match and match.group(2) in ZONE_ABBREVIATIONS:
        naive = _iso(match.group(1))
        if naive is not None:
            return naive.replace(tzinfo=timezone(timedelta(hours=ZONE_ABBREVIATIONS[match.group(2)])))
    parsed = _iso(text)
    if parsed is None:
        for attempt in (lambda t: datetime.strptime(t, TWITTER), parsedate_to_datetime):
            try:
                parsed = attempt(text)
                break
            except (ValueError, TypeError, IndexError):
                continue
    if parsed is None:
        raise BadTime(f"not a time: {text[:40]!r}")
    if parsed.tzinfo is None:
        # Asked only here: reading the setting for every row was a tenth of an import's parsing.
        parsed = parsed.replace(tzinfo=default_tz or office_tz())
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise BadTime(f"time out of range: {text[:40]!r}")
    return parsed


def _iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace(" +", "+"))
    except ValueError:
        return None


def _from_epoch(number: float) -> datetime:
    if number > 1e11:  # milliseconds
        number = number / 1000
    try:
        return datetime.fromtimestamp(number, tz=UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise BadTime(f"not a time: {number!r}") from exc
