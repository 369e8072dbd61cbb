"""Accounts and groups written in bulk, for importers: the inventory's only raw-SQL writer of its tables.

One `INSERT ... ON CONFLICT DO UPDATE` a batch (an existing row is written
only when its first/last seen widens or it gains a name), then one query for
the ids. Existing rows are written in primary-key order, the order every
other writer of those rows uses too (recompute_risk_scores), so an import and
a classification never deadlock on PostgreSQL.
"""

from django.db import connection
from django.utils import timezone

from pantau.core.rawsql import chunks, db_time_converter
from pantau.lib.urls import normalize_url

from .models import Account, Group


def upsert_accounts(rows) -> dict[tuple[str, str], int]:
    """Rows of (platform, platform id, name, url, kind, seen at); returns (platform, platform id) -> pk."""
    return _upsert(Account, rows)


def upsert_groups(rows) -> dict[tuple[str, str], int]:
    """Rows of (platform, platform id, name, url, seen at); returns (platform, platform id) -> pk."""
    return _upsert(Group, ((platform, pid, name, url, None, when) for platform, pid, name, url, when in rows))


def _upsert(model, rows) -> dict[tuple[str, str], int]:
    """Create missing rows, widen first/last seen and fill empty names."""
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
    db_time = db_time_converter()
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
    known = _ids(model, wanted)
    values.sort(key=lambda row: _lock_order(known, row[0], row[1]))
    _merge(model, values)
    return _ids(model, wanted) if len(known) < len(wanted) else known


def _lock_order(known, platform, pid):
    pk = known.get((platform, pid))
    return (0, pk, "", "") if pk is not None else (1, 0, platform, pid)


def _merge(model, values):
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


def _ids(model, wanted) -> dict[tuple[str, str], int]:
    table = connection.ops.quote_name(model._meta.db_table)
    ids = {}
    pids = sorted({pid for _, pid in wanted})
    with connection.cursor() as cursor:
        for chunk in chunks(pids):
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT platform, platform_id, id FROM {table} WHERE platform_id IN ({placeholders})", chunk
            )
            for platform, pid, pk in cursor.fetchall():
                if (platform, pid) in wanted:
                    ids[(platform, pid)] = pk
    return ids
