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
    return _sqlite_time


def _sqlite_time(value) -> str:
    if value.tzinfo is UTC:  # what rows.prepare gives: "+00:00" cut off, without a conversion per row
        return value.isoformat(" ")[:-6]
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")


def chunks(items, size=LOOKUP_CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def key_chunks(values) -> list[list]:
    """`values` in as few pieces as `key_in` takes: one on PostgreSQL, where the whole list binds as one
    array parameter (so one statement reads what it needs in one pass), else pieces under SQLite's
    parameter limit."""
    values = list(values)
    if connection.vendor == "postgresql":
        return [values] if values else []
    return list(chunks(values))


def key_in(column: str, values: list, sql_type: str, placeholder: str = "%s") -> tuple[str, list]:
    """A condition that `column` is one of `values`, and its parameters.

    PostgreSQL gets the list as one array parameter (`sql_type`: its elements' type, so the
    column's index serves it): with a placeholder each, the driver's client-side binding parsed
    a query of thousands of them in Python, a tenth of an import's reader. SQLite binds each value.
    """
    if connection.vendor == "postgresql":
        return f"{column} = ANY({placeholder}::{sql_type}[])", [list(values)]
    return f"{column} IN ({', '.join([placeholder] * len(values))})", list(values)


def stage(cursor, staging: str, like: str, columns: list[str], rows, text_columns: tuple[str, ...] = ()) -> None:
    """Fill the temporary table `staging` (columns of table `like`) with `rows`, emptied first.

    PostgreSQL loads it with COPY; SQLite with one prepared INSERT (its
    executemany binds in C). The caller then merges it with one set-based
    statement. Both names are quoted here; `columns` are plain column names.
    `text_columns`, not in `like`, follow them in each row (keys the merge joins on).
    """
    qn = connection.ops.quote_name
    names = ", ".join(qn(c) for c in [*columns, *text_columns])
    if connection.vendor == "postgresql":
        extra = "".join(f", NULL::text AS {qn(c)}" for c in text_columns)
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {qn(staging)} AS "
            f"SELECT {', '.join(qn(c) for c in columns)}{extra} FROM {qn(like)} WITH NO DATA"
        )
        cursor.execute(f"TRUNCATE {qn(staging)}")
        with cursor.cursor.copy(f"COPY {qn(staging)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {qn(staging)} ({names})")
    cursor.execute(f"DELETE FROM {qn(staging)}")
    placeholders = ", ".join(["%s"] * (len(columns) + len(text_columns)))
    cursor.executemany(f"INSERT INTO {qn(staging)} ({names}) VALUES ({placeholders})", rows)


def merge_staged(
    cursor, staging: str, table: str, columns: list[str], rows, key: tuple[str, ...], replace=True
) -> None:
    """Stage `rows` (see `stage`), then merge them into `table` with one INSERT ... SELECT ... ON CONFLICT (key).

    A row already stored has its other columns replaced (`replace`) or is kept as it is. Rows go in
    in key order, so two workers merging overlapping batches lock them in one order, never in a deadlock.
    """
    qn = connection.ops.quote_name
    stage(cursor, staging, table, columns, rows)
    names = ", ".join(qn(c) for c in columns)
    keys = ", ".join(qn(c) for c in key)
    updates = ", ".join(f"{qn(c)} = EXCLUDED.{qn(c)}" for c in columns if c not in key)
    action = f"DO UPDATE SET {updates}" if replace and updates else "DO NOTHING"
    # "WHERE true": without it SQLite would read the ON of ON CONFLICT as a join's constraint.
    cursor.execute(
        f"INSERT INTO {qn(table)} ({names}) SELECT {names} FROM {qn(staging)} WHERE true ORDER BY {keys} "
        f"ON CONFLICT ({keys}) {action}"
    )
