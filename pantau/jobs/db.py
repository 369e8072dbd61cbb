"""Database access that long background work needs to survive a busy SQLite.

SQLite waits for a lock up to its busy timeout, but in two cases it answers
"database is locked" at once: a connection that holds a read snapshot tries
to write after another connection committed (the snapshot is stale), or two
connections both want to upgrade to writing. Background work meets both: a
worker writes progress while web requests and other processes write. So the
writes that keep a job alive (progress, lease, heartbeat, its final status)
go through `retry_when_locked`, and long reads go through `in_chunks`, which
keeps no statement (and so no snapshot) open between chunks.
"""

import logging
import random
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

from django.db import OperationalError, connection

log = logging.getLogger(__name__)
T = TypeVar("T")

ATTEMPTS = 8
FIRST_DELAY = 0.05
MAX_DELAY = 2.0


def is_locked(exc: BaseException) -> bool:
    """True for SQLite's "database is locked" / "database table is locked" (and MySQL's lock timeout)."""
    if not isinstance(exc, OperationalError):
        return False
    return "is locked" in str(exc).lower()


def retry_when_locked(fn: Callable[[], T], attempts: int = ATTEMPTS) -> T:
    """Call fn(), retrying with growing pauses while the database is locked.

    Bounded: after `attempts` tries (about 8 seconds of pauses by default) the
    error goes to the caller. Inside a transaction nothing is retried, since
    the transaction is broken by the error and only its owner can start over.
    """
    delay = FIRST_DELAY
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except OperationalError as exc:
            if not is_locked(exc) or attempt == attempts or connection.in_atomic_block:
                raise
            log.info("database locked (attempt %d of %d); retrying in %.2f s", attempt, attempts, delay)
            time.sleep(delay * (1 + random.random() / 2))  # noqa: S311 - jitter, not security
            delay = min(delay * 2, MAX_DELAY)
    raise AssertionError("unreachable")


def in_chunks(queryset, size: int = 2000, key: Callable = lambda row: row.pk) -> Iterator:
    """The rows of `queryset` in its order, fetched `size` at a time with one short query each.

    Unlike `.iterator()`, no cursor stays open between chunks, so whatever
    the caller writes between two rows (a job's progress) never meets a stale
    read snapshot, and SQLite's write-ahead log can be checkpointed meanwhile.
    Ordered by primary key, each chunk starts after the last key seen (`key`
    reads it from a row: the default fits model instances; for
    `values_list("pk", ...)` pass `key=lambda row: row[0]`); in any other
    order chunks are pages by offset, fine for the small sets sorted so.
    """
    by_key = list(queryset.query.order_by) in (["pk"], ["id"])
    last, offset = None, 0
    while True:
        if by_key:
            rows = list((queryset if last is None else queryset.filter(pk__gt=last))[:size])
        else:
            rows = list(queryset[offset : offset + size])
        yield from rows
        if len(rows) < size:
            return
        offset += size
        if by_key:
            last = key(rows[-1])
