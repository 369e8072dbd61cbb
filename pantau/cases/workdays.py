"""Counting days as the regulation does: calendar days, or working days without weekends and holidays.

Django-free. The national holidays are data (data/holidays.toml). A deadline
ends at the end of its last day in the office's zone (the zone of `start`).
"""

import tomllib
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path

HOLIDAYS_FILE = Path(__file__).parent / "data" / "holidays.toml"
END_OF_DAY = time(23, 59, 59)


class HolidayDataError(ValueError):
    """The holiday file cannot be used (a bad date, or a date filed under another year)."""


def load_holidays(path: Path = HOLIDAYS_FILE) -> dict[int, frozenset[date]]:
    with open(path, "rb") as handle:
        raw = tomllib.load(handle).get("holidays", {})
    years = {}
    for year, days in raw.items():
        try:
            parsed = frozenset(date.fromisoformat(day) for day in days)
        except (TypeError, ValueError) as exc:
            raise HolidayDataError(f"{path.name}: a holiday of {year} is not a YYYY-MM-DD date: {exc}") from exc
        stray = sorted(d.isoformat() for d in parsed if str(d.year) != str(year))
        if stray:
            raise HolidayDataError(f"{path.name}: {', '.join(stray)} listed under {year}")
        years[int(year)] = parsed
    return years


@cache
def holidays() -> dict[int, frozenset[date]]:
    return load_holidays()


def is_working_day(day: date, known: dict[int, frozenset[date]] | None = None) -> bool:
    known = holidays() if known is None else known
    return day.weekday() < 5 and day not in known.get(day.year, frozenset())


def missing_years(years: Iterable[int], known: dict[int, frozenset[date]] | None = None) -> list[int]:
    """The years among `years` the holiday list does not cover (their working days count weekends only)."""
    known = holidays() if known is None else known
    return [year for year in years if year not in known]


def add_days(
    start: datetime, days: int, working_days: bool = False, known: dict[int, frozenset[date]] | None = None
) -> datetime:
    """The end of the day `days` days (or working days) after `start`, an aware datetime in the office's zone.

    The day of the event itself is not counted ("paling lama 3 hari setelah ...").
    """
    day = start.date()
    added = 0
    while added < days:
        day += timedelta(days=1)
        if not working_days or is_working_day(day, known):
            added += 1
    return datetime.combine(day, END_OF_DAY, tzinfo=start.tzinfo)
