"""The office's clock without Django: zone names, reading and writing times."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from pantau.lib import clock
from pantau.lib.env import ConfigError


@pytest.mark.parametrize(
    ("zone", "name"),
    [("Asia/Jakarta", "WIB"), ("Asia/Pontianak", "WIB"), ("Asia/Makassar", "WITA"), ("Asia/Jayapura", "WIT")],
)
def test_it_names_indonesias_zones_as_the_law_does(zone, name):
    assert clock.zone_name(zone) == name


@pytest.mark.parametrize(
    ("zone", "at", "name"),
    [
        ("Europe/Berlin", datetime(2024, 1, 15, tzinfo=UTC), "CET"),
        ("Europe/Berlin", datetime(2024, 7, 15, tzinfo=UTC), "CEST"),
        ("Asia/Dubai", datetime(2024, 7, 15, tzinfo=UTC), "UTC+4"),
        ("Asia/Kathmandu", datetime(2024, 7, 15, tzinfo=UTC), "UTC+5:45"),
        ("America/Sao_Paulo", datetime(2024, 7, 15, tzinfo=UTC), "UTC-3"),
    ],
)
def test_it_names_other_zones_by_their_abbreviation_or_offset(zone, at, name):
    assert clock.zone_name(zone, at) == name


def test_it_refuses_a_zone_that_does_not_exist(monkeypatch):
    monkeypatch.setenv("PANTAU_TIME_ZONE", "Asia/Banjarmasin")
    with pytest.raises(ConfigError, match="PANTAU_TIME_ZONE='Asia/Banjarmasin' is not a time zone"):
        clock.zone_key_from_env()


def test_it_reads_the_zone_from_the_environment(monkeypatch):
    monkeypatch.setenv("PANTAU_TIME_ZONE", "Asia/Jayapura")
    assert clock.zone_key_from_env() == "Asia/Jayapura"


def test_it_reads_a_zone_less_time_in_the_zone_it_is_given():
    makassar = ZoneInfo("Asia/Makassar")
    assert clock.parse_time("2022-03-28 10:34", makassar) == datetime(2022, 3, 28, 2, 34, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("2024-10-12 20:15:00 WIB", datetime(2024, 10, 12, 13, 15, tzinfo=UTC)),
        ("2024-10-12 21:15:00 WITA", datetime(2024, 10, 12, 13, 15, tzinfo=UTC)),
        ("2024-10-12T13:15:00Z", datetime(2024, 10, 12, 13, 15, tzinfo=UTC)),
        ("Sat Oct 12 13:15:00 +0000 2024", datetime(2024, 10, 12, 13, 15, tzinfo=UTC)),
        ("1728738900", datetime(2024, 10, 12, 13, 15, tzinfo=UTC)),
        ("1728738900000", datetime(2024, 10, 12, 13, 15, tzinfo=UTC)),
    ],
)
def test_it_reads_the_ways_exports_write_a_time(text, utc):
    assert clock.parse_time(text) == utc


def test_it_refuses_a_zone_less_time_where_a_zone_is_required():
    with pytest.raises(clock.BadTime, match="no UTC offset"):
        clock.parse_time("2024-10-01T10:00:00", require_zone=True)


def test_it_says_what_is_not_a_time():
    with pytest.raises(clock.BadTime, match="not a time: 'kemarin sore'"):
        clock.parse_time("kemarin sore")
    assert clock.parse_time_or_none("kemarin sore") is None
