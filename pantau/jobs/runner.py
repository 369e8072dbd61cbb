"""Starting jobs, running them in the worker, and recovering after a crash."""

import logging
import traceback
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import Job, Status
from .registry import HANDLERS

log = logging.getLogger(__name__)
# A job whose heartbeat is older than this was left by a worker that died.
STALE_AFTER = timedelta(minutes=5)
MAX_ATTEMPTS = 3


def start_job(kind: str, title: str, params: dict | None = None, user=None) -> Job:
    """Create a job and put it on the task queue once the transaction commits."""
    if kind not in HANDLERS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job.objects.create(kind=kind, title=title[:200], params=params or {}, created_by=user)
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def start_job_once(kind: str, title: str, params: dict | None = None, user=None) -> Job:
    """Start a job unless one of the same kind and parameters is still waiting in the queue.

    Hooks that run after every import batch use this, so a 25-batch import
    queues one classification run, not 25.
    """
    waiting = Job.objects.filter(kind=kind, status=Status.QUEUED, params=params or {}).order_by("created_at").first()
    return waiting or start_job(kind, title, params, user)


def _enqueue(job_id: int) -> None:
    from .tasks import execute_job

    execute_job.enqueue(job_id)


class Progress:
    """Writes progress to the job row, at most every half second."""

    def __init__(self, job: Job):
        self.job = job
        self._last = None

    def __call__(self, done: int, total: int | None = None, message: str = "", force: bool = False) -> None:
        now = timezone.now()
        self.job.done = done
        if total is not None:
            self.job.total = total
        if message:
            self.job.message = message
        if force or self._last is None or (now - self._last).total_seconds() >= 0.5:
            self._last = now
            Job.objects.filter(pk=self.job.pk).update(
                done=self.job.done, total=self.job.total, message=self.job.message, heartbeat_at=now
            )


def run_job(job_id: int) -> Job | None:
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.status == Status.DONE:
        return job
    handler = HANDLERS.get(job.kind)
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(
        status=Status.RUNNING, started_at=now, heartbeat_at=now, attempts=job.attempts + 1
    )
    job.refresh_from_db()
    try:
        if handler is None:
            raise LookupError(f"no handler for job kind {job.kind!r}")
        result = handler(job, Progress(job)) or {}
    except Exception as exc:  # the job records any failure; the worker carries on
        log.exception("job %s failed", job.pk)
        job.status = Status.FAILED
        job.message = f"{type(exc).__name__}: {exc}"
        job.result = {"error": job.message, "trace": traceback.format_exc(limit=5)}
    else:
        job.status = Status.DONE
        job.result = result
        if job.total is not None:
            job.done = job.total
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "result", "done", "finished_at"])
    return job


def requeue_abandoned_jobs() -> int:
    """Put back on the queue the jobs whose worker died in the middle of them."""
    cutoff = timezone.now() - STALE_AFTER
    stale = Job.objects.filter(status=Status.RUNNING, heartbeat_at__lt=cutoff)
    count = 0
    for job in stale:
        if job.attempts >= MAX_ATTEMPTS:
            Job.objects.filter(pk=job.pk).update(status=Status.FAILED, message="worker stopped too many times")
            continue
        Job.objects.filter(pk=job.pk).update(status=Status.QUEUED)
        _enqueue(job.pk)
        count += 1
    return count
