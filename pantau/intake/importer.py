"""Importing records into posts, accounts and groups: idempotent, batched, resumable, at a million posts.

A post's natural key is platform + post id, else its normalised URL, else a
hash of author + time + text (`rows.py`). The file is read and its records
turned into plain rows beside the writer (`pipeline.py`: a second process for
a large file). Each batch first upserts the accounts and groups it mentions
(through the inventory's own bulk functions, `pantau.inventory.bulk`) in a
short transaction of their own: the upsert is idempotent, and workers
importing pieces of one file no longer wait for each other's accounts for a
whole batch. Then one transaction stages the posts in a temporary table
(COPY on PostgreSQL) and merges them with one `INSERT ... SELECT ... ON
CONFLICT DO UPDATE`, adds the new posts to SQLite's full-text index with one
statement, adds them to their accounts' and groups' post counts, and moves
the file's checkpoint (`ImportRun.records_done`). A batch that
meets a deadlock runs again. An import killed at any point and started again
skips what was committed and redoes at most one batch, which the natural
keys make harmless.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from pantau.core.rawsql import chunks, db_time_converter, key_in, stage
from pantau.core.seams import seams
from pantau.inventory.bulk import add_post_counts, upsert_accounts, upsert_groups
from pantau.inventory.models import Account, Group
from pantau.jobs.db import retry_when_locked
from pantau.lib.env import env_int

from . import media, propagation
from .formats import FileRejected, KnownLines, Record, Source, read_records
from .models import ImportRun, Post
from .pipeline import read_batches
from .rows import prepare
from .stored import StoredLines, line_seed

# Posts per transaction. Each commit writes every index page the batch touched, and at a million posts a
# batch of 10,000 touches nearly every leaf of the random-keyed indexes: larger batches write them less often.
BATCH_SIZE = 50_000
# SQLite's page cache while importing (KiB): the key indexes of a million posts stay in memory.
IMPORT_CACHE_KIB = 512 * 1024
MAX_PROBLEMS_KEPT = 200
COUNTS = ("read", "created", "updated", "skipped", "notices", "rejected")


def batch_posts() -> int:
    """Posts per transaction of an upload's import (smaller: finer progress and less redone after a kill)."""
    return env_int("PANTAU_IMPORT_BATCH_POSTS", BATCH_SIZE, minimum=100)


def max_line_bytes() -> int:
    return env_int("PANTAU_IMPORT_MAX_LINE_BYTES", 4 * 1024 * 1024, minimum=1024)


def max_document_bytes() -> int:
    return env_int("PANTAU_IMPORT_MAX_DOCUMENT_BYTES", 512 * 1024 * 1024, minimum=1024)


def max_file_bytes() -> int:
    return env_int("PANTAU_IMPORT_MAX_FILE_BYTES", 20 * 1024 * 1024 * 1024, minimum=1024)


@dataclass
class Summary:
    file: str = ""
    format: str = ""
    read: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    # Of the skipped: lines that are not posts (a chat's system notices).
    notices: int = 0
    rejected: int = 0
    resumed_from: int = 0
    problems: list = field(default_factory=list)
    # What the reader had to decide or could not read cleanly (day/month order, encoding, notices skipped).
    notes: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "format": self.format,
            "read": self.read,
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "notices": self.notices,
            "rejected": self.rejected,
            "resumed_from": self.resumed_from,
            "problems": [f"line {p.line}: {p.reason}" for p in self.problems[:20]],
            "notes": list(self.notes),
        }

    def line(self) -> str:
        return (
            f"{self.file}: {self.format}, read {self.read}, created {self.created}, updated {self.updated}, "
            f"skipped as duplicates {self.skipped - self.notices}, "
            + (f"skipped as system notices {self.notices}, " if self.notices else "")
            + f"rejected {self.rejected}"
            + "".join(f"; note: {note}" for note in self.notes)
        )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def open_source(path, name="", group="") -> Source:
    path = Path(path)
    if not path.is_file():
        raise FileRejected(f"{path}: no such file")
    size = path.stat().st_size
    if size > max_file_bytes():
        raise FileRejected(
            f"{size} bytes is over the import limit of {max_file_bytes()} (PANTAU_IMPORT_MAX_FILE_BYTES)"
        )
    return Source(path, name=name, max_line=max_line_bytes(), max_document=max_document_bytes(), group_name=group)


def import_file(path, fmt=None, user=None, progress=None, name="", batch_size=None, group="", parallel=None) -> Summary:
    """Import one file. `progress(bytes_read, total_bytes)` is called after each batch.

    `group` names a chat whose export does not name it (WhatsApp). `parallel`
    forces reading in a second process (True) or in this one (False); by
    default a large file is read in a second process.

    Raises FileRejected (one-line message) when the file as a whole cannot be read.
    """
    source = open_source(path, name=name, group=group)
    batch_size = batch_size or batch_posts()
    fmt, records = read_records(source, fmt)
    sha = file_sha256(source.path)
    run = ImportRun.objects.filter(file_sha256=sha, format=fmt, status=ImportRun.Status.RUNNING).first()
    summary = Summary(file=source.name, format=fmt)
    if run is None:
        run = ImportRun.objects.create(file_sha256=sha, file_name=source.name[:255], format=fmt, started_by=user)
    else:
        summary.resumed_from = run.records_done
        for key in COUNTS:
            setattr(summary, key, run.counts.get(key, 0))
    _prepare_connection()
    source.known = KnownLines(StoredLines(), line_seed(fmt, group))
    feed = read_batches(source, records, run.records_done, batch_size, parallel)
    notes: list[str] = []
    try:
        for batch in feed:
            _commit(batch, run, summary, fmt, user, source)
            if batch.notes is not None:
                notes = batch.notes
            elif progress:
                progress(batch.bytes_read, source.size)
    except FileRejected as exc:
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FAILED, message=str(exc), finished_at=timezone.now()
        )
        raise
    finally:
        feed.close()
    # The reader's notes, then the writer's own (attachments not found in a ZIP).
    summary.notes = notes + [note for note in source.notes if note not in notes]
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.DONE,
        finished_at=timezone.now(),
        counts=_counts(summary),
        problems=[f"line {p.line}: {p.reason}" for p in summary.problems],
    )
    if progress:
        progress(source.size, source.size)
    return summary


def _prepare_connection():
    """A large page cache for this connection: with SQLite's default 2 MB, inserting into the
    unique-key and URL indexes of a large table reads pages back from disk for every batch."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")


def _counts(summary: Summary) -> dict:
    return {k: getattr(summary, k) for k in COUNTS}


def _commit(batch, run, summary, fmt, user, source):
    summary.read += batch.rejected + batch.notices + batch.unchanged
    summary.rejected += batch.rejected
    summary.skipped += batch.notices + batch.unchanged
    summary.notices += batch.notices
    summary.problems.extend(batch.problems[: max(0, MAX_PROBLEMS_KEPT - len(summary.problems))])
    before = _counts(summary)

    def attempt():
        # A batch rolled back by a deadlock is counted again from where it started.
        for key, value in before.items():
            setattr(summary, key, value)
        plan = plan_rows(batch.rows, summary)
        with transaction.atomic():
            save_authors(plan)  # committed apart: idempotent, and its rows are not held through the batch
        with transaction.atomic():
            changed_ids = save_posts(plan, fmt, user, summary)
            propagation.save_references([row.key for row in batch.rows], batch.references)
            # In the batch's transaction, so an import killed here attaches them again when it resumes.
            if source.media and batch.attachments:
                media.attach_media(source, batch.attachments, user)
            run.records_done = batch.position
            run.counts = _counts(summary)
            ImportRun.objects.filter(pk=run.pk).update(records_done=batch.position, counts=run.counts)
        return changed_ids

    changed_ids = retry_when_locked(attempt)
    if changed_ids:
        seams.posts_imported.notify(changed_ids)


def save_records(records: list[Record], source_name: str, user, summary: Summary) -> list[int]:
    """Upsert records (a capture, demo data, tests); returns the ids of the posts created or changed."""
    return save_rows([prepare(record) for record in records], source_name, user, summary)


def save_rows(rows, source_name: str, user, summary: Summary) -> list[int]:
    """Upsert one batch of prepared rows (rows.py), in the caller's transaction; returns the ids
    of the posts created or changed.

    A row whose fingerprint matches the stored post's is skipped; the
    accounts and groups of the others are merged first, then the posts. The
    accounts' and groups' post counts grow by the posts created here; a post
    that moved to another author on re-import is corrected by the nightly
    recount (`inventory.post_counts`).
    """
    plan = plan_rows(rows, summary)
    save_authors(plan)
    return save_posts(plan, source_name, user, summary)


@dataclass
class Plan:
    """What one batch will write: its rows by natural key, the stored posts among them, and the
    rows that are new or changed (`fresh`), of which `new` are not stored yet."""

    by_key: dict
    known: dict
    fresh: list
    new: list


def plan_rows(rows, summary: Summary) -> Plan:
    """Read what is stored of a batch's posts, and count its duplicates and unchanged rows as skipped."""
    summary.read += len(rows)
    by_key = {}
    for row in rows:
        if row.key in by_key:  # the same post twice in one batch: the later row wins
            summary.skipped += 1
        by_key[row.key] = row
    known = _known_fingerprints(list(by_key))
    fresh = [row for key, row in by_key.items() if known.get(key, (None,))[0] != row.fingerprint]
    summary.skipped += len(by_key) - len(fresh)
    return Plan(by_key, known, fresh, [r for r in fresh if r.key not in known])


def save_authors(plan: Plan) -> None:
    """The accounts and groups of the batch's new and changed posts (the posts merge joins them by platform id)."""
    if not plan.fresh:
        return
    upsert_accounts(
        [(r.platform, r.author_id, r.author_name, r.author_url, r.author_kind, r.posted_at) for r in plan.fresh],
        ids=False,
    )
    upsert_groups([(r.platform, r.group_id, r.group_name, r.group_url, r.posted_at) for r in plan.fresh], ids=False)


def save_posts(plan: Plan, source_name: str, user, summary: Summary) -> list[int]:
    """Merge the batch's posts (their accounts and groups stored already by save_authors), then
    add the new ones to their authors' and groups' post counts, last, so those rows are locked
    only until the batch commits. Returns the ids of the posts created or changed."""
    _store_line_digests([row for row in plan.by_key.values() if row.line_digest is not None], plan.known)
    if not plan.fresh:
        return []
    post_ids = _merge_posts(sorted(_post_values(plan.fresh, source_name, user)))
    add_post_counts(Account, Counter((r.platform, r.author_id) for r in plan.new if r.author_id))
    add_post_counts(Group, Counter((r.platform, r.group_id) for r in plan.new if r.group_id))
    summary.created += len(plan.new)
    summary.updated += len(plan.fresh) - len(plan.new)
    return post_ids


def _post_values(fresh, source_name: str, user) -> list[tuple]:
    """The rows of INSERT_COLUMNS and STAGED_KEYS; sorted by natural key by the caller, so that two
    imports of overlapping files lock posts in one order."""
    regions = _regions({r.kecamatan for r in fresh if r.kecamatan})
    db_time = db_time_converter()
    now = db_time(timezone.now())
    user_pk = user.pk if user else None
    source_name = source_name[:60]
    values = []
    for r in fresh:
        region = regions.get(r.kecamatan) if r.kecamatan else None
        values.append(
            (
                r.key,
                r.platform,
                r.post_id,
                r.url,
                r.url_key,
                None,
                None,
                r.text,
                r.links,
                db_time(r.posted_at) if r.posted_at else None,
                source_name,
                r.raw,
                r.fingerprint,
                r.search_text,
                now,
                user_pk,
                region.pk if region else None,
                r.line_digest,
                r.author_id or None,
                r.group_id or None,
            )
        )
    return values


INSERT_COLUMNS = [
    "natural_key",
    "platform",
    "platform_post_id",
    "url",
    "url_key",
    "author_id",
    "group_id",
    "text",
    "links",
    "posted_at",
    "source",
    "raw",
    "fingerprint",
    "search_text",
    "captured_at",
    "captured_by_id",
    "kecamatan_id",
    "line_digest",
]
# The platform ids of the author and group, staged after INSERT_COLUMNS; the merge joins them to their rows' ids.
STAGED_KEYS = ("author_key", "group_key")
# Kept from the first import on a re-import: who captured a post and when, and its region.
KEPT_ON_UPDATE = ("natural_key", "captured_at", "captured_by_id", "kecamatan_id")
STAGING = "intake_post_staging"
# SQLite's full-text index follows inserts through this trigger (migration 0004), row by row.
FTS_INSERT_TRIGGER = "intake_post_fts_ai"


def _known_fingerprints(keys: list[str]) -> dict[str, tuple[str, int | None]]:
    """Natural key -> (fingerprint, line digest) of the stored posts among `keys`."""
    return {
        key: (fingerprint, digest)
        for key, fingerprint, digest in _by_key("natural_key, fingerprint, line_digest", keys)
    }


def _store_line_digests(rows, known) -> None:
    """Note the line of each unchanged post that was read from another line (another file, a copy
    with other spacing, posts imported before lines had digests), so that its next re-import skips it unparsed."""
    table = connection.ops.quote_name(Post._meta.db_table)
    relabelled = [
        (row.line_digest, row.key)
        for row in rows
        if row.key in known and known[row.key][0] == row.fingerprint and known[row.key][1] != row.line_digest
    ]
    if relabelled:
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {table} SET line_digest = %s WHERE natural_key = %s", relabelled)


def _by_key(columns: str, keys: list[str]):
    table = connection.ops.quote_name(Post._meta.db_table)
    with connection.cursor() as cursor:
        for chunk in chunks(keys):
            where, params = key_in("natural_key", chunk, "text")
            cursor.execute(f"SELECT {columns} FROM {table} WHERE {where}", params)
            yield from cursor.fetchall()


def _merge_posts(values) -> list[int]:
    """Stage the batch, then one INSERT ... SELECT ... ON CONFLICT (natural_key) DO UPDATE; the ids it wrote.

    The author and group ids come from a join of the staged platform ids
    (STAGED_KEYS) with the accounts and groups upserted just before.

    On SQLite the insert trigger of the full-text index is set aside for that
    statement, in the batch's transaction (so no other writer ever sees the
    table without it), and the new posts are indexed with one INSERT ...
    SELECT: row by row through the trigger was half the statement's time.
    Updated posts keep going through the update trigger. PostgreSQL's GIN
    index (search.py) needs nothing.
    """
    qn = connection.ops.quote_name
    table = qn(Post._meta.db_table)
    columns = ", ".join(qn(c) for c in INSERT_COLUMNS)
    joined = {"author_id": "a.id", "group_id": "g.id"}
    selected = ", ".join(joined.get(c, f"s.{qn(c)}") for c in INSERT_COLUMNS)
    updates = ", ".join(f"{qn(c)} = EXCLUDED.{qn(c)}" for c in INSERT_COLUMNS if c not in KEPT_ON_UPDATE)
    with connection.cursor() as cursor:
        stage(cursor, STAGING, Post._meta.db_table, INSERT_COLUMNS, values, text_columns=STAGED_KEYS)
        trigger = _set_aside_fts_trigger(cursor)
        # "WHERE true": without it SQLite would read the ON of ON CONFLICT as the last join's constraint.
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {selected} FROM {qn(STAGING)} s "
            f"LEFT JOIN {qn(Account._meta.db_table)} a ON a.platform = s.platform AND a.platform_id = s.author_key "
            f"LEFT JOIN {qn(Group._meta.db_table)} g ON g.platform = s.platform AND g.platform_id = s.group_key "
            f"WHERE true ORDER BY s.{qn('natural_key')} "
            f"ON CONFLICT ({qn('natural_key')}) DO UPDATE SET {updates} RETURNING id"
        )
        post_ids = [pk for (pk,) in cursor.fetchall()]
        if trigger is not None:
            sql, last_id = trigger
            cursor.execute(
                f"INSERT INTO intake_post_fts(rowid, search_text) SELECT id, search_text FROM {table} WHERE id > %s",
                [last_id],
            )
            cursor.execute(sql)
    return post_ids


def _set_aside_fts_trigger(cursor):
    """(the trigger's own SQL, the highest post id so far) after dropping it, or None where there is none."""
    if connection.vendor != "sqlite":
        return None
    cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s", [FTS_INSERT_TRIGGER])
    found = cursor.fetchone()
    if not found:
        return None
    # AUTOINCREMENT ids only grow, so the posts this statement adds are exactly those above it.
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(Post._meta.db_table)}")
    last_id = cursor.fetchone()[0]
    cursor.execute(f"DROP TRIGGER {FTS_INSERT_TRIGGER}")
    return found[0], last_id


def _regions(names):
    from pantau.regions.loader import kecamatan_of

    return {name: kecamatan_of(name) for name in names}
