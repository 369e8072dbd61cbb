"""Which file lines are stored as posts already: the lookup behind formats.KnownLines, in either process.

A re-import of an unchanged file skips each stored line before it is parsed
(formats/base.py, KnownLines). The reader asks this lookup a chunk of line
digests at a time. In the writer's process (a small file) it asks through
Django's connection. In the reader's own process (pipeline.py forks it for
a large file) it opens a connection of its own there, read-only in use: a
forked child must not use its parent's. An in-memory SQLite database (the
tests') cannot be reached from the child, which then finds nothing and
parses every line as before; the writer still skips unchanged rows by their
fingerprint, so the counts are the same either way.
"""

import os

from django.db import connection

from pantau.core.rawsql import chunks, key_in
from pantau.lib.clock import office_tz

from .models import Post
from .rows import ROWS_VERSION

# The reader's page cache (KiB): the digest index of a million posts is about 40 MB.
READER_CACHE_KIB = 64 * 1024


def line_seed(fmt: str, group: str) -> bytes:
    """What else decides what a line becomes: a line read under another format, mapping, group name
    or office time zone (for times without a zone) is not the same post, so it is parsed again."""
    return "\x1f".join([fmt, str(ROWS_VERSION), group, str(office_tz())]).encode()


class StoredLines:
    """`lookup(digests) -> {digest: natural key}` of the posts stored from these lines."""

    def __init__(self):
        self.pid = os.getpid()
        # A second connection to an in-memory SQLite database would open another, empty database.
        in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()  # type: ignore[attr-defined]
        self.reachable = not in_memory
        self.own = None

    def __call__(self, digests: list[int]) -> dict[int, str]:
        if os.getpid() == self.pid:
            with connection.cursor() as cursor:
                return dict(_select(cursor, digests, "%s"))
        if not self.reachable:
            return {}
        if self.own is None:
            self.own = _open_own()
        cursor = self.own.cursor()
        try:
            return dict(_select(cursor, digests, "?" if connection.vendor == "sqlite" else "%s"))
        finally:
            cursor.close()


def _open_own():
    """A new DB-API connection with the settings' parameters, without touching Django's (the parent's) one."""
    own = connection.get_new_connection(connection.get_connection_params())
    if connection.vendor == "sqlite":
        own.execute(f"PRAGMA cache_size = -{READER_CACHE_KIB}")
    else:
        own.autocommit = True  # each lookup sees what the writer committed, with no transaction held open
        # This connection only ever runs the lookup below, which the (line_digest, natural_key) index
        # answers. A table an import is filling has no statistics yet, and the planner scanned all of
        # it for every 2,000 digests: 47 ms at 100k posts instead of 5, 15 s of a 1M-post import.
        own.execute("SET enable_seqscan = off")
    return own


def _select(cursor, digests, placeholder):
    table = connection.ops.quote_name(Post._meta.db_table)
    found = []
    for chunk in chunks(digests, 2000):
        where, params = key_in("line_digest", chunk, "bigint", placeholder)
        cursor.execute(f"SELECT line_digest, natural_key FROM {table} WHERE {where}", params)
        found.extend(cursor.fetchall())
    return found
