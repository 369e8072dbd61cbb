"""Storing the risk scores of accounts and groups (the scale itself is risk.py).

Other apps work the scores out (detection, from classified posts) and hand
them here; this module is the only writer of the column. Writes are
set-based, in short transactions that lock rows in primary-key order (as the
import does), so a classification and an import never deadlock on PostgreSQL.
"""

from functools import partial

from django.db import transaction

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
    """One set-based UPDATE of risk scores, its rows locked first in primary-key order."""
    with transaction.atomic():
        list(model.objects.filter(pk__in=[row.pk for row in rows]).order_by("pk").select_for_update().values_list("pk"))
        model.objects.bulk_update(rows, ["risk_score"])
