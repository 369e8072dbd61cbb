"""Database access that long background work needs to survive a busy SQLite.

SQLite waits for a lock up to its busy timeout, but in two cases it answers
"database is locked" at once: a connection that holds a read snapshot tries
to write after another connection committed (the snapshot is stale), or two
connections both want to upgrade to writing. Background work meets both: a
worker writes progress while web requests and other processes write. So the
writes that keep a job alive (progress, lease, heartbeat, its final status)
go through `retry_when_locked`, and long reads go through `in_chunks`, which
keeps no statement (and so no snapshot) open between chunks.

PostgreSQL has its own two: a deadlock (two transactions wait on each
other's rows) and a serialization failure. Writers to shared rows lock them
in primary-key order so deadlocks should not happen, and a transaction that
meets one anyway is run again from its start by `retry_when_locked` (it is
handed the whole transaction, so the retry redoes all of it).
"""

import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.db import InterfaceError, OperationalError, connection, transaction

log = logging.getLogger(__name__)
T = TypeVar("T")

ATTEMPTS = 8
FIRST_DELAY = 0.05
MAX_DELAY = 2.0
# SQLSTATEs of PostgreSQL's deadlock_detected and serialization_failure: the transaction can simply run again.
CONFLICT_SQLSTATES = {"40P01", "40001"}


def is_locked(exc: BaseException) -> bool:
    """True for SQLite's "database is locked" / "database table is locked" (and MySQL's lock timeout)."""
    if not isinstance(exc, OperationalError):
        return False
    return "is locked" in str(exc).lower()


def is_conflict(exc: BaseException) -> bool:
    """True for a deadlock or serialization failure (PostgreSQL), which Django raises as OperationalError."""
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__ or exc
    code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)  # psycopg 3 or psycopg2
    return code in CONFLICT_SQLSTATES


def is_contention(exc: BaseException) -> bool:
    """Another writer was in the way: trying again after a pause will do."""
    return is_locked(exc) or is_conflict(exc)


def is_transient(exc: BaseException) -> bool:
    """A failure of the database rather than of the job (locks, deadlocks, a lost connection): worth a new attempt."""
    return isinstance(exc, (OperationalError, InterfaceError))


def retry_when_locked(fn: Callable[[], T], attempts: int = ATTEMPTS) -> T:
    """Call fn(), retrying with growing pauses while the database is locked or a deadlock broke it.

    fn must be a whole transaction (or a single statement outside one): after
    a deadlock PostgreSQL has rolled all of it back.

    Bounded: after `attempts` tries (about 8 seconds of pauses by default) the
    error goes to the caller. Inside a transaction nothing is retried, since
    the transaction is broken by the error and only its owner can start over.
    """
    delay = FIRST_DELAY
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except OperationalError as exc:
            if not is_contention(exc) or attempt == attempts or connection.in_atomic_block:
                raise
            log.info("%s (attempt %d of %d); retrying in %.2f s", exc, attempt, attempts, delay)
            time.sleep(delay * (1 + random.random() / 2))  # noqa: S311 - jitter, not security
            delay = min(delay * 2, MAX_DELAY)
    raise AssertionError("unreachable")


@contextmanager
def resumable_batch():
    """The transaction of one batch of a job that resumes from what is stored (its checkpoint).

    On PostgreSQL its commit does not wait for the write-ahead log to reach the
    disk (`synchronous_commit = off`, for this transaction only). Safe here: a
    crash of the database server can lose only the last such commits (never
    half of one), and the job redoes their batches, since it is idempotent and
    asks the database what is still to do. The WAL is written in order, so
    once the job's end is committed (durably, as every other write) so are
    all its batches: a job recorded done never lacks a batch.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
        yield


def with_ids(queryset, ids: list[int]) -> list:
    """The rows of `queryset` (of `.values()`, with "pk") whose primary key is in `ids` (sorted), in no order.

    A batch's ids are mostly consecutive: then the rows are read by their range and the few
    others dropped here, because a list of thousands of ids costs more to quote and parse (in
    Python, by Django and the PostgreSQL driver) than reading the batch itself. Sparse ids
    go as the list.
    """
    if not ids:
        return []
    queryset = queryset.order_by()
    if ids[-1] - ids[0] >= 2 * len(ids):
        return list(queryset.filter(pk__in=ids))
    wanted = set(ids)
    return [row for row in queryset.filter(pk__gte=ids[0], pk__lte=ids[-1]) if row["pk"] in wanted]


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
