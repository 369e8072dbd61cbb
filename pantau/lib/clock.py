"""The office's clock: its zone, the zone's name, reading times and writing them. Django-free.

One setting, `PANTAU_TIME_ZONE` (an IANA name, default Asia/Jakarta), says
where the office is. Times are stored in UTC; everything shown (pages,
exports, documents, e-mail) is in the office's zone followed by the zone's
name, and every time read without a zone (WhatsApp chats, generic CSV) is the
office's local time. The name is derived from the zone: Indonesia's legal
names (WIB, WITA, WIT) for its four zones, the zone's own abbreviation
elsewhere ("CET", or "UTC+3" where the zone database has only an offset).

Inside Django the zone is `settings.TIME_ZONE` (set from `PANTAU_TIME_ZONE` by
`zone_key_from_env`), so what Django's `|date` filter shows and what this
module parses and writes never disagree; outside Django (`pantau detect` on
a file, the coordination engine) it is the environment variable itself.

Exports disagree about how to write a time: ISO 8601 with or without an
offset, Unix seconds or milliseconds, Twitter's "Wed Oct 02 03:15:00 +0000
2024", CrowdTangle's "2024-10-02 10:15:00 WIB". `parse_time` reads them all.
"""

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .env import ConfigError, env_str

django_settings: "LazySettings | None"
try:
    from django.conf import LazySettings
    from django.conf import settings as django_settings
except ImportError:  # pragma: no cover - Django is a dependency; this module just does not need it
    django_settings = None

DEFAULT_ZONE = "Asia/Jakarta"
# Keppres 41/1987: Waktu Indonesia Barat, Tengah, Timur.
INDONESIAN_ZONE_NAMES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}
# Abbreviations CrowdTangle and others print after a time, with their offset in hours.
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
EPOCH_TEXT = re.compile(r"\d{9,13}(\.\d+)?")
TWITTER = "%a %b %d %H:%M:%S %z %Y"
# Times of social-media posts and messages outside these years are typing or parsing errors.
FIRST_YEAR, LAST_YEAR = 1990, 2100


class BadTime(ValueError):
    pass


# The office's zone ------------------------------------------------------------------------------


def zone_key_from_env() -> str:
    """PANTAU_TIME_ZONE, checked: the value settings.py gives Django's TIME_ZONE."""
    key = env_str("PANTAU_TIME_ZONE", DEFAULT_ZONE) or DEFAULT_ZONE
    _zone(key)
    return key


def zone_key() -> str:
    """The office's zone name (Asia/Jakarta): Django's setting when Django runs, else the environment."""
    if django_settings is not None and django_settings.configured:
        return django_settings.TIME_ZONE
    return zone_key_from_env()


def office_tz() -> ZoneInfo:
    return _zone(zone_key())


@lru_cache(maxsize=16)
def _zone(key: str) -> ZoneInfo:
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"PANTAU_TIME_ZONE={key!r} is not a time zone (e.g. Asia/Jakarta)") from exc


def zone_name(key: str | None = None, at: datetime | None = None) -> str:
    """What people call the zone: WIB/WITA/WIT in Indonesia, else its abbreviation at `at` (now)."""
    key = key or zone_key()
    if key in INDONESIAN_ZONE_NAMES:
        return INDONESIAN_ZONE_NAMES[key]
    moment = (at or datetime.now(UTC)).astimezone(_zone(key))
    abbreviation = moment.tzname() or key
    if abbreviation[:1] in "+-":  # the zone database knows only the offset ("+03", "+0530")
        return "UTC" + _offset_text(moment.utcoffset())
    return abbreviation


def _offset_text(offset: timedelta | None) -> str:
    minutes = int((offset or timedelta()).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours}" + (f":{rest:02d}" if rest else "")


# Writing times ----------------------------------------------------------------------------------


def local(value: datetime) -> datetime:
    """`value` in the office's zone (a naive value is taken as UTC, as the database stores it)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(office_tz())


def format_local(value: datetime | None, pattern: str = "%Y-%m-%d %H:%M", empty: str = "") -> str:
    """The office's local time as text, for exports and command output ('' when there is none)."""
    return local(value).strftime(pattern) if value else empty


def with_zone(text: str) -> str:
    """Local time text followed by the zone's name: "28-03-2022 10.34 WITA"."""
    return f"{text} {zone_name()}"


def format_with_zone(value: datetime | None, pattern: str = "%d-%m-%Y %H:%M", empty: str = "") -> str:
    return with_zone(format_local(value, pattern)) if value else empty


def local_column(title: str) -> str:
    """An export column's heading for local times: "dibuka (WITA)"."""
    return f"{title} ({zone_name()})"


# Reading times ----------------------------------------------------------------------------------


def parse_time(value: object, default_tz: tzinfo | None = None, require_zone: bool = False) -> datetime | None:
    """An aware datetime, None for an empty value, BadTime for something that is not a time.

    A time without a zone is in `default_tz`, else the office's zone; with
    `require_zone` it is refused instead (files whose times must say UTC).
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else _zoneless(value, default_tz, require_zone, str(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_epoch(value)
    text = str(value).strip()
    if not text:
        return None
    if EPOCH_TEXT.fullmatch(text):
        return _from_epoch(float(text))
    parsed = _abbreviated(text) or _iso(text) or _other(text)
    if parsed is None:
        raise BadTime(f"not a time: {text[:40]!r}")
    if parsed.tzinfo is None:
        parsed = _zoneless(parsed, default_tz, require_zone, text)
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise BadTime(f"time out of range: {text[:40]!r}")
    return parsed


def parse_time_or_none(value: object) -> datetime | None:
    """parse_time for callers that carry on without a time (detection's campaign stage)."""
    try:
        return parse_time(value)
    except BadTime:
        return None


def _zoneless(parsed: datetime, default_tz: tzinfo | None, require_zone: bool, text: str) -> datetime:
    if require_zone:
        raise BadTime(f"{text[:40]!r} has no UTC offset")
    # Asked only here: reading the setting for every row was a tenth of an import's parsing.
    return parsed.replace(tzinfo=default_tz or office_tz())


def _abbreviated(text: str) -> datetime | None:
    match = ABBREVIATED.match(text)
    if not match or match.group(2) not in ZONE_ABBREVIATIONS:
        return None
    naive = _iso(match.group(1))
    if naive is None:
        return None
    return naive.replace(tzinfo=timezone(timedelta(hours=ZONE_ABBREVIATIONS[match.group(2)])))


def _iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace(" +", "+"))
    except ValueError:
        return None


def _other(text: str) -> datetime | None:
    for attempt in (lambda t: datetime.strptime(t, TWITTER), parsedate_to_datetime):
        try:
            return attempt(text)
        except (ValueError, TypeError, IndexError):
            continue
    return None


def _from_epoch(number: float) -> datetime:
    if number > 1e11:  # milliseconds
        number = number / 1000
    try:
        return datetime.fromtimestamp(number, tz=UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise BadTime(f"not a time: {number!r}") from exc
