"""Accounts and groups written in bulk, for importers: the inventory's only raw-SQL writer of its tables.

The batch's rows are staged in a temporary table (COPY on PostgreSQL) and
merged with one `INSERT ... SELECT ... ON CONFLICT DO UPDATE` (an existing
row is written only when its first/last seen widens or it gains a name),
then their ids are read with one join. Existing rows are written in primary-key order, the order every
other writer of those rows uses too (recompute_risk_scores), so an import and
a classification never deadlock on PostgreSQL.

The upsert is idempotent, so an importer commits it on its own, in a short
transaction, before the batch's posts: the rows it locks are held for one
statement, not for the whole batch (four workers importing pieces of one
file waited most of their time on each other's accounts). The batch's new
posts are then added to each row's stored `post_count` by `add_post_counts`,
last in the batch's own transaction, so a batch redone after a kill never
counts its posts twice and the counts are kept without counting the posts
again (counts.py).
"""

from django.db import connection
from django.utils import timezone

from pantau.core.rawsql import db_time_converter, stage
from pantau.lib.urls import normalize_url

from .models import Account, Group


def upsert_accounts(rows, ids: bool = True) -> dict[tuple[str, str], int]:
    """Rows of (platform, platform id, name, url, kind, seen at); returns (platform, platform id) -> pk.

    With `ids=False` nothing is read back ({}): for a caller that joins on (platform, platform_id) itself.
    """
    return _upsert(Account, rows, ids)


def upsert_groups(rows, ids: bool = True) -> dict[tuple[str, str], int]:
    """Rows of (platform, platform id, name, url, seen at); the rest as upsert_accounts."""
    rows = ((platform, pid, name, url, None, when) for platform, pid, name, url, when in rows)
    return _upsert(Group, rows, ids)


def add_post_counts(model, new_posts: dict[tuple[str, str], int]) -> None:
    """Add to the stored `post_count` of `model` (Account or Group) the posts a caller created:
    (platform, platform id) -> how many. One UPDATE from a staged table, its rows locked first in
    primary-key order (PostgreSQL), as every other writer of these rows locks them."""
    counts = [(platform, pid[:255], n) for (platform, pid), n in sorted(new_posts.items()) if pid and n]
    if not counts:
        return
    qn = connection.ops.quote_name
    table, staging = qn(model._meta.db_table), f"{model._meta.db_table}_count_staging"
    joined = "t.platform = s.platform AND t.platform_id = s.platform_id"
    with connection.cursor() as cursor:
        stage(cursor, staging, model._meta.db_table, ["platform", "platform_id", "post_count"], counts)
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT t.id FROM {table} t JOIN {qn(staging)} s ON {joined} ORDER BY t.id FOR NO KEY UPDATE OF t"
            )
        cursor.execute(
            f"UPDATE {table} SET post_count = {table}.post_count + s.post_count FROM {qn(staging)} s "
            f"WHERE {table}.platform = s.platform AND {table}.platform_id = s.platform_id"
        )


def _upsert(model, rows, ids: bool) -> dict[tuple[str, str], int]:
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
            0,
        ]
        if model is Account:
            row.append(kind or default_kind)
        values.append(row)
    with connection.cursor() as cursor:
        stage(cursor, _staging(model), model._meta.db_table, _columns(model), values)
        _merge(cursor, model)
        return _ids(cursor, model) if ids else {}


def _staging(model) -> str:
    return f"{model._meta.db_table}_staging"


def _columns(model) -> list[str]:
    columns = ["platform", "platform_id", "name", "url", "status", "risk_score", "notes"]
    columns += ["first_seen", "last_seen", "created_at", "updated_at", "post_count"]
    return columns + (["kind"] if model is Account else [])


def _merge(cursor, model):
    """One statement for the staged rows; existing rows are written in primary-key order, new ones after."""
    qn = connection.ops.quote_name
    table, staging = qn(model._meta.db_table), qn(_staging(model))
    columns = _columns(model)
    old = lambda column: f"{table}.{qn(column)}"  # noqa: E731

    def widened(column, than):
        return f"(EXCLUDED.{column} IS NOT NULL AND ({old(column)} IS NULL OR EXCLUDED.{column} {than} {old(column)}))"

    widened_first, widened_last = widened("first_seen", "<"), widened("last_seen", ">")
    named = f"({old('name')} = '' AND EXCLUDED.name <> '')"
    cursor.execute(
        f"INSERT INTO {table} ({', '.join(qn(c) for c in columns)}) "
        f"SELECT {', '.join(f's.{qn(c)}' for c in columns)} FROM {staging} s "
        f"LEFT JOIN {table} t ON t.platform = s.platform AND t.platform_id = s.platform_id "
        f"ORDER BY t.id IS NULL, t.id, s.platform, s.platform_id "
        f"ON CONFLICT (platform, platform_id) DO UPDATE SET "
        f"name = CASE WHEN {named} THEN EXCLUDED.name ELSE {old('name')} END, "
        f"first_seen = CASE WHEN {widened_first} THEN EXCLUDED.first_seen ELSE {old('first_seen')} END, "
        f"last_seen = CASE WHEN {widened_last} THEN EXCLUDED.last_seen ELSE {old('last_seen')} END "
        f"WHERE {named} OR {widened_first} OR {widened_last}"
    )


def _ids(cursor, model) -> dict[tuple[str, str], int]:
    qn = connection.ops.quote_name
    table, staging = qn(model._meta.db_table), qn(_staging(model))
    cursor.execute(
        f"SELECT s.platform, s.platform_id, t.id FROM {staging} s "
        f"JOIN {table} t ON t.platform = s.platform AND t.platform_id = s.platform_id"
    )
    return {(platform, pid): pk for platform, pid, pk in cursor.fetchall()}
