"""Storing the risk scores of accounts and groups (the scale itself is risk.py).

Other apps work the scores out (detection, from classified posts) and hand
them here; this module is the only writer of the column. Writes are
set-based, in short transactions that lock rows in primary-key order (as the
import does), so a classification and an import never deadlock on PostgreSQL.
"""

from functools import partial

from django.db import connection, transaction

from pantau.core.rawsql import key_chunks, key_in, stage
from pantau.jobs.db import retry_when_locked

# Risk scores written per transaction: short, so an import waits little for the rows it shares.
RISK_WRITE_BATCH = 500


def write_risk_scores(model, scores: dict[int, float]) -> int:
    """Store `scores` (primary key -> risk) on `model` (Account or Group); returns how many changed."""
    qn = connection.ops.quote_name
    changed = []
    with connection.cursor() as cursor:
        for chunk in key_chunks(sorted(scores)):
            where, keys = key_in(qn("id"), chunk, "bigint")
            cursor.execute(f"SELECT {qn('id')}, {qn('risk_score')} FROM {qn(model._meta.db_table)} WHERE {where}", keys)
            changed += [(pk, scores[pk]) for pk, stored in cursor.fetchall() if stored != scores[pk]]
    changed.sort()
    for start in range(0, len(changed), RISK_WRITE_BATCH):
        retry_when_locked(partial(_write, model, changed[start : start + RISK_WRITE_BATCH]))
    return len(changed)


def _write(model, rows: list[tuple[int, float]]) -> None:
    """One set-based UPDATE of risk scores from a staged table, its rows locked first in primary-key
    order. (Django's bulk_update built a CASE of every row in Python: most of a classification's time.)

    The UPDATE names the rows' keys as well as joining the staged table: PostgreSQL, which has no
    statistics of a temporary table, otherwise read the whole table to join a few hundred rows.
    """
    qn = connection.ops.quote_name
    table, staging = qn(model._meta.db_table), f"{model._meta.db_table}_risk_staging"
    where, keys = key_in(f"{table}.{qn('id')}", [pk for pk, _risk in rows], "bigint")
    with transaction.atomic(), connection.cursor() as cursor:
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""  # SQLite locks the file
        cursor.execute(f"SELECT {qn('id')} FROM {table} WHERE {where} ORDER BY {qn('id')}{lock}", keys)
        stage(cursor, staging, model._meta.db_table, ["id", "risk_score"], rows)
        cursor.execute(
            f"UPDATE {table} SET {qn('risk_score')} = s.{qn('risk_score')} FROM {qn(staging)} s "
            f"WHERE {table}.{qn('id')} = s.{qn('id')} AND {where}",
            keys,
        )
