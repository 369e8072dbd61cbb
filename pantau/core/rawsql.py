"""Values for hand-written bulk SQL, the same on SQLite and PostgreSQL.

Bulk writers (the import's upserts) pass plain tuples to `executemany`,
without Django's per-value field preparation, so they convert values to what
each backend stores themselves.
"""

from datetime import UTC

from django.db import connection

# Rows per statement of a lookup by key: under SQLite's 32,766 bound parameters, few round trips.
LOOKUP_CHUNK = 8000


def db_time_converter():
    """A datetime to what the backend stores, without Django's per-value field machinery.

    SQLite keeps naive UTC text (what Django's adapter writes); PostgreSQL takes aware datetimes.
    """
    if connection.vendor != "sqlite":
        return lambda value: value
    return lambda value: value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")


def chunks(items, size=LOOKUP_CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]
