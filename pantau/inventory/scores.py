"""Storing the risk scores of accounts and groups (the scale itself is risk.py).

Other apps work the scores out (detection, from classified posts) and hand
them here; this module is the only writer of the column. Writes are
set-based, in short transactions that lock rows in primary-key order (as the
import does), so a classification and an import never deadlock on PostgreSQL.
"""

from functools import partial

from django.db import connection, transaction

from pantau.core.rawsql import stage
from pantau.jobs.db import retry_when_locked

# Risk scores written per transaction: short, so an import waits little for the rows it shares.
RISK_WRITE_BATCH = 500


def write_risk_scores(model, scores: dict[int, float]) -> int:
    """Store `scores` (primary key -> risk) on `model` (Account or Group); returns how many changed."""
    changed = []
    for row in model.objects.filter(pk__in=list(scores)).only("pk", "risk_score"):
        if scores[row.pk] != row.risk_score:
            row.risk_score = scores[row.pk]
            changed.append(row)
    for start in range(0, len(changed), RISK_WRITE_BATCH):
        retry_when_locked(partial(_write, model, changed[start : start + RISK_WRITE_BATCH]))
    return len(changed)


def _write(model, rows) -> None:
    """One set-based UPDATE of risk scores from a staged table, its rows locked first in primary-key
    order. (Django's bulk_update built a CASE of every row in Python: most of a classification's time.)"""
    qn = connection.ops.quote_name
    table, staging = qn(model._meta.db_table), f"{model._meta.db_table}_risk_staging"
    with transaction.atomic(), connection.cursor() as cursor:
        list(model.objects.filter(pk__in=[row.pk for row in rows]).order_by("pk").select_for_update().values_list("pk"))
        stage(cursor, staging, model._meta.db_table, ["id", "risk_score"], [(row.pk, row.risk_score) for row in rows])
        cursor.execute(
            f"UPDATE {table} SET {qn('risk_score')} = s.{qn('risk_score')} FROM {qn(staging)} s "
            f"WHERE {table}.{qn('id')} = s.{qn('id')}"
        )
