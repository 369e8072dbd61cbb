"""Values for the bulk writers' hand-written SQL (pantau/core/rawsql.py)."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.db import connection

from pantau.core.rawsql import db_time_converter


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite stores times as naive UTC text")
@pytest.mark.parametrize("microsecond", [0, 250000])
def test_it_stores_the_same_utc_text_for_a_utc_time_and_the_same_moment_elsewhere(microsecond):
    moment = datetime(2024, 10, 1, 3, 4, 5, microsecond, tzinfo=UTC)
    to_db = db_time_converter()
    wib = moment.astimezone(timezone(timedelta(hours=7)))
    assert to_db(moment) == to_db(wib) == moment.replace(tzinfo=None).isoformat(" ")
