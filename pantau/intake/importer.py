"""Importing records into posts, accounts and groups: idempotent, batched, resumable.

A post's natural key is platform + post id, else its normalised URL, else a
hash of author + time + text. Each batch is one transaction that upserts the
accounts and groups it mentions, then the posts (plain tuples through
`INSERT ... ON CONFLICT ... DO UPDATE`, the same SQL on SQLite and
PostgreSQL), and moves the file's checkpoint (`ImportRun.records_done`).
Existing accounts and groups are written in primary-key order, the order
every other writer of those rows uses too (recompute_risk_scores), so an
import and a classification never deadlock on PostgreSQL; a batch that meets
a deadlock anyway runs again. An import killed at
any point and started again skips what was committed and redoes at most one
batch, which the natural keys make harmless.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path

import orjson
from django.db import connection, transaction
from django.utils import timezone

from pantau.core.seams import seams
from pantau.inventory.models import Account, Group
from pantau.jobs.db import retry_when_locked
from pantau.lib.env import env_int
from pantau.lib.urls import normalize_url

from . import media, propagation
from .formats import FileRejected, Record, RowProblem, Skipped, Source, read_records
from .models import ImportRun, Post
from .searchtext import index_text

BATCH_SIZE = 10_000
# SQLite's page cache while importing (KiB): the key indexes of a million posts stay in memory.
IMPORT_CACHE_KIB = 512 * 1024
MAX_PROBLEMS_KEPT = 200
COUNTS = ("read", "created", "updated", "skipped", "notices", "rejected")


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


def natural_key(record: Record) -> str:
    if record.post_id:
        key = f"{record.platform}:{record.post_id}"
    elif normalize_url(record.url):
        key = "url:" + normalize_url(record.url)
    else:
        basis = "\x1f".join(
            [
                record.platform,
                record.group_id,
                record.author_id,
                record.posted_at.isoformat() if record.posted_at else "",
                record.text,
                str(record.occurrence),
            ]
        )
        key = f"{record.platform}:h:" + hashlib.sha256(basis.encode()).hexdigest()
    if len(key) > 400:
        key = key[:300] + ":" + hashlib.sha256(key.encode()).hexdigest()
    return key


def fingerprint(record: Record) -> str:
    basis = json.dumps(
        [
            normalize_url(record.url),
            record.author_id,
            record.author_name,
            record.group_id,
            record.text,
            record.links,
            record.posted_at.isoformat() if record.posted_at else "",
        ],
        ensure_ascii=False,
    )
    return hashlib.md5(basis.encode(), usedforsecurity=False).hexdigest()


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


def import_file(path, fmt=None, user=None, progress=None, name="", batch_size=BATCH_SIZE, group="") -> Summary:
    """Import one file. `progress(bytes_read, total_bytes)` is called after each batch.

    `group` names a chat whose export does not name it (WhatsApp).

    Raises FileRejected (one-line message) when the file as a whole cannot be read.
    """
    source = open_source(path, name=name, group=group)
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
    to_skip = run.records_done
    position = 0  # records and problems consumed from the file, the unit of the checkpoint
    batch: list[Record] = []
    try:
        for item in records:
            position += 1
            if position <= to_skip:
                continue
            if isinstance(item, Skipped):
                summary.read += 1
                summary.skipped += 1
                summary.notices += 1
            elif isinstance(item, RowProblem):
                summary.read += 1
                summary.rejected += 1
                if len(summary.problems) < MAX_PROBLEMS_KEPT:
                    summary.problems.append(item)
            else:
                batch.append(item)
            if len(batch) >= batch_size:
                _commit(batch, run, position, summary, fmt, user, source)
                batch = []
                if progress:
                    progress(source.bytes_read, source.size)
        _commit(batch, run, position, summary, fmt, user, source)
    except FileRejected as exc:
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FAILED, message=str(exc), finished_at=timezone.now()
        )
        raise
    summary.notes = list(source.notes)
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


def _commit(batch, run, position, summary, fmt, user, source=None):
    before = _counts(summary)

    def attempt():
        # A batch rolled back by a deadlock is counted again from where it started.
        for key, value in before.items():
            setattr(summary, key, value)
        with transaction.atomic():
            changed_ids = save_records(batch, fmt, user, summary) if batch else []
            propagation.save_references(batch)
            # In the batch's transaction, so an import killed here attaches them again when it resumes.
            if source is not None and source.media:
                media.attach_media(source, batch, user)
            run.records_done = position
            run.counts = _counts(summary)
            ImportRun.objects.filter(pk=run.pk).update(records_done=position, counts=run.counts)
        return changed_ids

    changed_ids = retry_when_locked(attempt)
    if changed_ids:
        seams.posts_imported.notify(changed_ids)


def save_records(records: list[Record], source_name: str, user, summary: Summary) -> list[int]:
    """Upsert one batch; returns the ids of the posts created or changed.

    Rows are plain tuples in the database's own types (no model instances):
    per-row ORM work was most of an import's time. Accounts and groups are
    merged with one upsert each, posts with one upsert and their ids read
    back with one query.
    """
    summary.read += len(records)
    by_key: dict[str, tuple[Record, str, str]] = {}
    for record in records:
        url_key = normalize_url(record.url)
        key = natural_key(record)
        if key in by_key:  # the same post twice in one batch: the later row wins
            summary.skipped += 1
        by_key[key] = (record, url_key, fingerprint(record))
    known = _known_fingerprints(list(by_key))
    fresh = {k: v for k, v in by_key.items() if known.get(k) != v[2]}
    summary.skipped += len(by_key) - len(fresh)
    if not fresh:
        return []
    wanted = [v[0] for v in fresh.values()]
    account_ids = _upsert(
        Account, [(r.platform, r.author_id, r.author_name, r.author_url, r.author_kind, r.posted_at) for r in wanted]
    )
    group_ids = _upsert(Group, [(r.platform, r.group_id, r.group_name, r.group_url, None, r.posted_at) for r in wanted])
    regions = _regions({r.kecamatan for r in wanted if r.kecamatan})
    db_time = _db_time_converter()
    now = db_time(timezone.now())
    user_pk = user.pk if user else None
    source_name = source_name[:60]
    rows = []
    for key, (r, url_key, fp) in fresh.items():
        region = regions.get(r.kecamatan) if r.kecamatan else None
        rows.append(
            (
                key,
                r.platform,
                r.post_id[:255],
                r.url[:2000],
                url_key[:2000],
                account_ids.get((r.platform, r.author_id[:255])) if r.author_id else None,
                group_ids.get((r.platform, r.group_id[:255])) if r.group_id else None,
                r.text,
                dumps_json(r.links),
                db_time(r.posted_at) if r.posted_at else None,
                source_name,
                dumps_json(r.raw if len(r.raw) < 200 else {}),
                fp,
                index_text(r.text, r.author_name, r.group_name),
                now,
                user_pk,
                region.pk if region else None,
            )
        )
    _upsert_posts(sorted(rows))  # by natural key: two imports of overlapping files lock posts in one order
    created = sum(1 for key in fresh if key not in known)
    summary.created += created
    summary.updated += len(fresh) - created
    return list(_post_ids(list(fresh)).values())


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
]
# Rows per statement of a lookup by key: under SQLite's 32,766 bound parameters, few round trips.
LOOKUP_CHUNK = 8000


def dumps_json(value) -> str:
    """JSON text for a JSONField column (orjson: several times faster than json.dumps, same values)."""
    try:
        return orjson.dumps(value, default=str, option=orjson.OPT_NON_STR_KEYS).decode()
    except (TypeError, orjson.JSONEncodeError):  # e.g. an integer over 64 bits, which json handles
        return json.dumps(value, ensure_ascii=False, default=str)


def _db_time_converter():
    """A datetime to what the backend stores, without Django's per-value field machinery.

    SQLite keeps naive UTC text (what Django's adapter writes); PostgreSQL takes aware datetimes.
    """
    if connection.vendor != "sqlite":
        return lambda value: value
    return lambda value: value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")


def _chunks(items, size=LOOKUP_CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _known_fingerprints(keys: list[str]) -> dict[str, str]:
    return dict(_by_key("natural_key, fingerprint", keys))


def _post_ids(keys: list[str]) -> dict[str, int]:
    return dict(_by_key("natural_key, id", keys))


def _by_key(columns: str, keys: list[str]):
    table = connection.ops.quote_name(Post._meta.db_table)
    with connection.cursor() as cursor:
        for chunk in _chunks(keys):
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"SELECT {columns} FROM {table} WHERE natural_key IN ({placeholders})", chunk)
            yield from cursor.fetchall()


def _upsert_posts(rows):
    """INSERT ... ON CONFLICT (natural_key) DO UPDATE, the same SQL on SQLite and PostgreSQL.

    On SQLite the full-text index follows through its triggers (migration 0004),
    inside the same statement; PostgreSQL's GIN index needs nothing.
    """
    qn = connection.ops.quote_name
    columns = ", ".join(qn(c) for c in INSERT_COLUMNS)
    placeholders = ", ".join(["%s"] * len(INSERT_COLUMNS))
    updates = ", ".join(
        f"{qn(c)} = EXCLUDED.{qn(c)}"
        for c in INSERT_COLUMNS
        if c not in ("natural_key", "captured_at", "captured_by_id", "kecamatan_id")
    )
    table = qn(Post._meta.db_table)
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) "
        f"ON CONFLICT ({qn('natural_key')}) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _upsert(model, rows) -> dict[tuple[str, str], int]:
    """Create missing accounts/groups, widen first/last seen and fill empty names; (platform, id) -> pk.

    One INSERT ... ON CONFLICT DO UPDATE for the batch (an existing row is
    written only when it widens or gains a name), then one query for the ids.
    """
    wanted: dict[tuple[str, str], list] = {}
    for platform, pid, name, url, kind, when in rows:
        if not pid:
            continue
        key = (platform, pid[:255])
        entry = wanted.get(key)
        if entry is None:
            wanted[key] = [name, url, kind, when, when]
            continue
        if name:
            entry[0] = name
        if url:
            entry[1] = url
        if when:
            if entry[3] is None or when < entry[3]:
                entry[3] = when
            if entry[4] is None or when > entry[4]:
                entry[4] = when
    if not wanted:
        return {}
    db_time = _db_time_converter()
    now = db_time(timezone.now())
    default_kind = Account._meta.get_field("kind").default
    default_status = model._meta.get_field("status").default
    values = []
    for (platform, pid), (name, url, kind, first, last) in wanted.items():
        row = [
            platform,
            pid,
            (name or "")[:255],
            url[:1000] if url and normalize_url(url) else "",
            default_status,
            0.0,
            "",
            db_time(first) if first else None,
            db_time(last) if last else None,
            now,
            now,
        ]
        if model is Account:
            row.append(kind or default_kind)
        values.append(row)
    # Rows that exist are updated in primary-key order (new ones after them, in key order).
    known = _watched_ids(model, wanted)
    values.sort(key=lambda row: _lock_order(known, row[0], row[1]))
    _merge_watched(model, values)
    return _watched_ids(model, wanted) if len(known) < len(wanted) else known


def _lock_order(known, platform, pid):
    pk = known.get((platform, pid))
    return (0, pk, "", "") if pk is not None else (1, 0, platform, pid)


def _merge_watched(model, values):
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    columns = ["platform", "platform_id", "name", "url", "status", "risk_score", "notes"]
    columns += ["first_seen", "last_seen", "created_at", "updated_at"] + (["kind"] if model is Account else [])
    old = lambda column: f"{table}.{qn(column)}"  # noqa: E731

    def widened(column, than):
        return f"(EXCLUDED.{column} IS NOT NULL AND ({old(column)} IS NULL OR EXCLUDED.{column} {than} {old(column)}))"

    widened_first, widened_last = widened("first_seen", "<"), widened("last_seen", ">")
    named = f"({old('name')} = '' AND EXCLUDED.name <> '')"
    sql = (
        f"INSERT INTO {table} ({', '.join(qn(c) for c in columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT (platform, platform_id) DO UPDATE SET "
        f"name = CASE WHEN {named} THEN EXCLUDED.name ELSE {old('name')} END, "
        f"first_seen = CASE WHEN {widened_first} THEN EXCLUDED.first_seen ELSE {old('first_seen')} END, "
        f"last_seen = CASE WHEN {widened_last} THEN EXCLUDED.last_seen ELSE {old('last_seen')} END "
        f"WHERE {named} OR {widened_first} OR {widened_last}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def _watched_ids(model, wanted) -> dict[tuple[str, str], int]:
    table = connection.ops.quote_name(model._meta.db_table)
    ids = {}
    pids = sorted({pid for _, pid in wanted})
    with connection.cursor() as cursor:
        for chunk in _chunks(pids):
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT platform, platform_id, id FROM {table} WHERE platform_id IN ({placeholders})", chunk
            )
            for platform, pid, pk in cursor.fetchall():
                if (platform, pid) in wanted:
                    ids[(platform, pid)] = pk
    return ids


def _regions(names):
    from pantau.regions.loader import kecamatan_of

    return {name: kecamatan_of(name) for name in names}
