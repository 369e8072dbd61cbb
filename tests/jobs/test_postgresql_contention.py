"""On PostgreSQL, two workers writing the same accounts at once (an import, a classification) both finish."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection

from pantau.inventory.models import Account
from pantau.jobs import files
from pantau.jobs.models import Job, Status
from pantau.jobs.runner import run_job

pytestmark = pytest.mark.django_db(transaction=True)

ACCOUNTS = 4000  # one import batch: every row a different account
BATCHES = 6


def overlapping_upload(accounts: int, batches: int) -> str:
    """Each batch names every account once, in descending order, each time earlier or later than before."""
    start = datetime(2024, 10, 1, 12, tzinfo=UTC)
    lines = []
    for batch in range(batches):
        for n in reversed(range(accounts)):
            for copy in range(4000 // accounts):
                step = batch * 4 + copy
                when = start + timedelta(hours=step if (batch + copy) % 2 else -step)
                lines.append(
                    f'{{"id": "b{batch}c{copy}n{n}", "platform": "facebook", "author_id": "u{n:04d}", '
                    f'"author_name": "U{n}", "text": "Jangan pilih paslon 2, mereka antek asing! sebarkan {step}", '
                    f'"created_at": "{when.isoformat()}"}}'
                )
    return files.save_upload(ContentFile("\n".join(lines).encode(), name="overlap.jsonl"))


def test_it_finishes_an_import_and_a_classification_that_overlap_without_a_failed_job():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time and no deadlocks; this is about PostgreSQL's row locks")
    first = Job.objects.create(kind="intake.import", title="seed", params={"upload": overlapping_upload(ACCOUNTS, 1)})
    run_job(first.pk, worker_id="seed")
    assert Account.objects.count() == ACCOUNTS
    importing = Job.objects.create(
        kind="intake.import", title="overlap", params={"upload": overlapping_upload(ACCOUNTS, BATCHES)}
    )
    classifications = []

    def work(target):
        try:
            target()
        finally:
            connection.close()

    def classify_until_imported():
        while True:
            finished = Job.objects.filter(pk=importing.pk, status__in=[Status.DONE, Status.FAILED]).exists()
            job = Job.objects.create(kind="detection.classify", title="classify")
            classifications.append(job.pk)
            run_job(job.pk, worker_id="worker-b")
            if finished:
                return

    threads = [
        threading.Thread(target=work, args=(lambda: run_job(importing.pk, worker_id="worker-a"),)),
        threading.Thread(target=work, args=(classify_until_imported,)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    jobs = Job.objects.filter(pk__in=[importing.pk, *classifications])
    assert len(classifications) >= 2  # the classification ran while the import did
    assert {(job.kind, job.status, job.message if job.status == Status.FAILED else "") for job in jobs} == {
        ("intake.import", Status.DONE, ""),
        ("detection.classify", Status.DONE, ""),
    }
    assert Account.objects.filter(risk_score=0).count() == 0
