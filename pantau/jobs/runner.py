"""Starting jobs, running them in the worker, and recovering after a crash.

A running job is leased to one worker: `run_job` claims it with a
conditional UPDATE, a `Lease` thread renews the lease every
PANTAU_JOB_HEARTBEAT_SECONDS while the handler works (however long one of
its steps takes between two progress reports), and every write the job makes
is fenced by the worker's id. When a worker dies its lease ends after
PANTAU_JOB_LEASE_SECONDS and `requeue_abandoned_jobs` puts the job back on
the queue, where it resumes from its checkpoint; a worker that only stalled
and comes back finds the job gone and stops it, so no job runs twice.

A job that fails for a passing database reason (a lock, a deadlock, a lost
connection) is queued again after PANTAU_JOB_RETRY_SECONDS, doubled at each
attempt, up to MAX_ATTEMPTS in all; every ended attempt is kept in
`Job.attempt_log` and the task row of a failed attempt is marked failed too.
"""

import logging
import os
import socket
import threading
import traceback
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import connections, transaction
from django.db.models import F
from django.utils import timezone

from .db import is_transient, retry_when_locked
from .models import Job, Status
from .registry import handler_for

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3
# Marking a job done or failed matters most: it gets more tries than a progress report.
FINAL_WRITE_ATTEMPTS = 12


def process_worker_id() -> str:
    """This process's name for holding leases when no task-queue worker id is known."""
    return f"{socket.gethostname()[:40]}-pid{os.getpid()}"


def lease_length() -> timedelta:
    return timedelta(seconds=settings.PANTAU_JOB_LEASE_SECONDS)


class LeaseLost(Exception):
    """Another worker took this job over (this one was thought dead); stop working on it."""


def start_job(kind: str, title: str, params: dict | None = None, user=None) -> Job:
    """Create a job and put it on the task queue once the transaction commits."""
    if handler_for(kind) is None:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job.objects.create(kind=kind, title=title[:200], params=params or {}, created_by=user)
    if _queue_in_database():
        _enqueue(job.pk)  # the task row commits with the job row (a worker sees both or neither): one write less
    else:
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _queue_in_database() -> bool:
    from django_tasks import task_backends
    from django_tasks_db import DatabaseBackend

    from .tasks import execute_job

    return isinstance(task_backends[execute_job.backend], DatabaseBackend)


def start_after_parts(kind: str, title: str, params: dict | None = None, user=None) -> Job:
    """A job that waits for parts: queued, but on the task queue only once every job started with
    `params["then"] = its id` has ended (run_job releases it). Parts merge their work idempotently;
    this one does what needs all of it (e.g. the clusters from every part's pairs)."""
    if handler_for(kind) is None:
        raise ValueError(f"unknown job kind {kind!r}")
    return Job.objects.create(kind=kind, title=title[:200], params=params or {}, created_by=user)


def release_when_parts_ended(follow_up_id: int) -> bool:
    """Put the follow-up on the task queue when none of its parts is queued or running.

    Every part checks after its own end is written, so the last one to end always sees the others
    ended; two parts ending at once may both enqueue it, which claim_job makes harmless.
    """
    open_parts = Job.objects.filter(params__then=follow_up_id, status__in=[Status.QUEUED, Status.RUNNING])
    if open_parts.exists() or not Job.objects.filter(pk=follow_up_id, status=Status.QUEUED).exists():
        return False
    _enqueue(follow_up_id)
    return True


def start_job_once(kind: str, title: str, params: dict | None = None, user=None) -> Job:
    """Start a job unless one of the same kind and parameters is still waiting in the queue.

    Hooks that run after every import batch use this, so a 25-batch import
    queues one classification run, not 25.
    """
    waiting = Job.objects.filter(kind=kind, status=Status.QUEUED, params=params or {}).order_by("created_at").first()
    return waiting or start_job(kind, title, params, user)


def _enqueue(job_id: int, delay: float = 0) -> None:
    from .tasks import execute_job

    task = execute_job.using(run_after=timezone.now() + timedelta(seconds=delay)) if delay else execute_job
    task.enqueue(job_id)


def retry_delay(attempt: int) -> float:
    """Seconds before attempt `attempt + 1`: the pause doubles with each failed attempt."""
    return settings.PANTAU_JOB_RETRY_SECONDS * 2 ** (attempt - 1)


class Lease:
    """Renews a job's lease from a thread of its own while the job runs."""

    def __init__(self, job_id: int, worker_id: str):
        self.job_id = job_id
        self.worker_id = worker_id
        self.lost = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=f"lease-{job_id}", daemon=True)

    def mine(self):
        return Job.objects.filter(pk=self.job_id, worker_id=self.worker_id, status=Status.RUNNING)

    def renew(self) -> bool:
        held = retry_when_locked(lambda: self.mine().update(heartbeat_at=timezone.now())) == 1
        if not held:
            self.lost.set()
        return held

    def _loop(self) -> None:
        try:
            while not self._stop.wait(settings.PANTAU_JOB_HEARTBEAT_SECONDS):
                try:
                    if not self.renew():
                        log.warning("job %s was taken over by another worker; %s stops it", self.job_id, self.worker_id)
                        return
                except Exception as exc:  # a missed renewal is not fatal: the lease outlasts two of them
                    log.warning("could not renew the lease of job %s: %s", self.job_id, exc)
        finally:
            connections.close_all()  # this thread's own connections; they would outlive it otherwise

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()


class Progress:
    """Writes progress to the job row, at most every half second."""

    def __init__(self, job: Job, lease: Lease | None = None):
        self.job = job
        self.lease = lease
        self._last: datetime | None = None

    def __call__(self, done: int, total: int | None = None, message: str = "", force: bool = False) -> None:
        if self.lease is not None and self.lease.lost.is_set():
            raise LeaseLost(f"job {self.job.pk} is now run by another worker")
        now = timezone.now()
        self.job.done = done
        if total is not None:
            self.job.total = total
        if message:
            self.job.message = message
        if force or self._last is None or (now - self._last).total_seconds() >= 0.5:
            self._last = now
            rows = Job.objects.filter(pk=self.job.pk)
            if self.lease is not None:
                rows = rows.filter(worker_id=self.lease.worker_id)
            fields = {"done": self.job.done, "total": self.job.total, "message": self.job.message, "heartbeat_at": now}
            written = retry_when_locked(lambda: rows.update(**fields))
            if written == 0 and self.lease is not None:
                self.lease.lost.set()
                raise LeaseLost(f"job {self.job.pk} is now run by another worker")


def claim_job(job_id: int, worker_id: str, task_id: str = "") -> bool:
    """Take the job unless it is done or another worker holds a live lease on it."""
    now = timezone.now()
    free = Job.objects.filter(pk=job_id).exclude(status=Status.DONE)
    free = free.exclude(status=Status.RUNNING, heartbeat_at__gte=now - lease_length())
    fields = {
        "status": Status.RUNNING,
        "started_at": now,
        "heartbeat_at": now,
        "attempts": F("attempts") + 1,
        "worker_id": worker_id,
        "task_id": str(task_id)[:64],
    }
    return retry_when_locked(lambda: free.update(**fields)) == 1


def run_job(job_id: int, worker_id: str | None = None, task_id: str = "") -> Job | None:
    worker_id = worker_id or process_worker_id()
    if not claim_job(job_id, worker_id, task_id):
        # Done already, or running under a live lease elsewhere: this task has nothing to do.
        return Job.objects.filter(pk=job_id).first()
    job = Job.objects.get(pk=job_id)
    handler = handler_for(job.kind)
    with Lease(job.pk, worker_id) as lease:
        try:
            if handler is None:
                raise LookupError(f"no handler for job kind {job.kind!r}")
            result = handler(job, Progress(job, lease)) or {}
        except Exception as exc:  # the job records any failure; the worker carries on
            if lease.lost.is_set():
                return Job.objects.filter(pk=job_id).first()
            log.exception("job %s failed (attempt %d)", job.pk, job.attempts)
            # A passing database failure is the database's, not the job's: another attempt follows.
            job.status = Status.QUEUED if is_transient(exc) and job.attempts < MAX_ATTEMPTS else Status.FAILED
            job.message = f"{type(exc).__name__}: {exc}"
            job.result = {"error": job.message, "trace": traceback.format_exc(limit=5)}
        else:
            job.status = Status.DONE
            job.result = result
            if job.total is not None:
                job.done = job.total
    job.finished_at = timezone.now()
    job.attempt_log = [*job.attempt_log, _attempt_entry(job, worker_id)]
    if _record_end(job, worker_id):
        if job.status == Status.QUEUED:
            _enqueue(job.pk, retry_delay(job.attempts))
        elif (job.params or {}).get("then"):
            retry_when_locked(partial(release_when_parts_ended, job.params["then"]))
    return job


def _attempt_entry(job: Job, worker_id: str) -> dict:
    return {
        "attempt": job.attempts,
        "worker": worker_id,
        "started_at": job.started_at.isoformat() if job.started_at else None,
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        "outcome": Status.FAILED.value if job.status == Status.QUEUED else job.status,
        "error": "" if job.status == Status.DONE else job.message[:500],
    }


def _record_end(job: Job, worker_id: str) -> bool:
    """Write how the job (or this attempt) ended; True when written.

    A database locked for longer than the retries leaves it to the lease to expire.
    """
    fields = {
        "status": job.status,
        "message": job.message,
        "result": job.result,
        "done": job.done,
        "finished_at": job.finished_at,
        "attempt_log": job.attempt_log,
    }
    if job.status == Status.QUEUED:
        fields["worker_id"] = ""  # released: the next attempt may go to any worker
    rows = Job.objects.filter(pk=job.pk, worker_id=worker_id)
    try:
        if retry_when_locked(lambda: rows.update(**fields), FINAL_WRITE_ATTEMPTS) == 0:
            log.warning("job %s ended here but another worker holds it now; its result is left to that one", job.pk)
            return False
    except Exception as exc:  # the job will be released when its lease ends and retried
        log.error("could not record the end of job %s (%s); it will run again when its lease ends", job.pk, exc)
        return False
    return True


def requeue_abandoned_jobs() -> int:
    """Put back on the queue the jobs whose worker stopped renewing their lease."""
    cutoff = timezone.now() - lease_length()
    count = 0
    for job in Job.objects.filter(status=Status.RUNNING, heartbeat_at__lt=cutoff):
        expired = Job.objects.filter(pk=job.pk, status=Status.RUNNING, heartbeat_at__lt=cutoff)
        if job.attempts >= MAX_ATTEMPTS:
            retry_when_locked(partial(expired.update, status=Status.FAILED, message="worker stopped too many times"))
            if (job.params or {}).get("then"):
                retry_when_locked(partial(release_when_parts_ended, job.params["then"]))
            continue
        # Only the one sweeper whose UPDATE wins enqueues, however many workers sweep at once.
        if retry_when_locked(partial(expired.update, status=Status.QUEUED, worker_id="")) == 1:
            log.warning("job %s lost its worker (%s); queued again", job.pk, job.worker_id or "?")
            _enqueue(job.pk)
            count += 1
    release_dead_tasks()
    return count


def release_dead_tasks() -> int:
    """Mark failed the task-queue rows still RUNNING under a worker that stopped beating.

    The job itself is queued again under a new task row; without this the old
    row would say RUNNING forever.
    """
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from .models import WorkerHeartbeat

    now = timezone.now()
    cutoff = now - lease_length()
    alive = set(WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True))
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    dead = [row.pk for row in running.only("pk", "worker_ids") if (row.worker_ids or [None])[-1] not in alive]
    if not dead:
        return 0
    rows = DBTaskResult.objects.filter(pk__in=dead, status=TaskResultStatus.RUNNING)
    fields = {
        "status": TaskResultStatus.FAILED,
        "finished_at": now,
        "exception_class_path": "pantau.jobs.runner.WorkerStopped",
        "traceback": "The worker running this task stopped heartbeating; its job was queued again.\n",
    }
    return retry_when_locked(lambda: rows.update(**fields))
