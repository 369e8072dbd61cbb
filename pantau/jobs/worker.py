"""The worker process: django-tasks-db's worker plus a heartbeat row.

It must not die of a busy database: writes that record a task's end are
retried, a database error in its polling loop is waited out, and the
heartbeat thread logs what fails instead of ending silently. Should the
process die anyway, `pantau serve` starts it again (pantau.jobs.supervisor)
and the jobs it held are released when their lease ends (pantau.jobs.runner).
"""

import logging
import os
import socket
import threading
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import OperationalError, close_old_connections
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .db import retry_when_locked
from .models import WorkerHeartbeat
from .routines import routine_loop
from .runner import requeue_abandoned_jobs

log = logging.getLogger(__name__)
LOOP_RETRY_MAX_SECONDS = 30


def beat(worker_id: str, started_at) -> None:
    fields = {"hostname": socket.gethostname(), "pid": os.getpid(), "started_at": started_at}
    retry_when_locked(
        lambda: WorkerHeartbeat.objects.update_or_create(
            worker_id=worker_id, defaults={**fields, "seen_at": timezone.now()}
        )
    )


def _heartbeat_loop(worker_id: str, started_at, stop: threading.Event) -> None:
    while not stop.wait(settings.PANTAU_JOB_HEARTBEAT_SECONDS):
        try:
            beat(worker_id, started_at)
            requeue_abandoned_jobs()
        except Exception as exc:  # the next beat may succeed; a dead thread would make a live worker look dead
            log.warning("worker heartbeat failed: %s", exc)
        finally:
            close_old_connections()


def _sturdy_worker_class():
    from django_tasks_db.management.commands.db_worker import Worker

    class SturdyWorker(Worker):
        def run_task(self, db_task_result) -> None:
            try:
                super().run_task(db_task_result)
            except OperationalError as exc:
                # Even the library's retries could not record the task's end: carry on; the
                # job's lease ends and release_dead_tasks closes the task row.
                log.error("could not record the end of task %s: %s", db_task_result.pk, exc)

    return SturdyWorker


def run_worker(interval: float = 1.0, batch: bool = False, routines: bool = True) -> None:
    """Run queued jobs until stopped (or, with `batch`, until the queue is empty).

    Alongside, threads keep the heartbeat row fresh and, unless `routines` is
    off, run the routines that are due (deadline warnings, alerts...).
    """
    worker_id = f"{socket.gethostname()[:40]}-{uuid.uuid4().hex[:8]}"
    started_at = timezone.now()
    beat(worker_id, started_at)
    requeue_abandoned_jobs()
    stop = threading.Event()
    thread = threading.Thread(target=_heartbeat_loop, args=(worker_id, started_at, stop), daemon=True)
    thread.start()
    if routines and not batch:
        threading.Thread(target=routine_loop, args=(stop,), daemon=True).start()
    worker = _sturdy_worker_class()(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    worker.configure_signals()
    try:
        _run_until_stopped(worker)
    finally:
        stop.set()
        try:
            retry_when_locked(WorkerHeartbeat.objects.filter(worker_id=worker_id).delete)
        except OperationalError as exc:  # the row goes stale on its own
            log.warning("could not remove the heartbeat of %s: %s", worker_id, exc)


def _run_until_stopped(worker) -> None:
    """worker.run(), started again after a database error (the database may be away for a moment)."""
    delay = 1.0
    while True:
        try:
            worker.run()
            return
        except OperationalError as exc:
            if not worker.running:
                return
            log.warning("the worker met a database error (%s); trying again in %.0f s", exc, delay)
            close_old_connections()
            time.sleep(delay)
            delay = min(delay * 2, LOOP_RETRY_MAX_SECONDS)


def worker_status(stale_seconds: int) -> dict:
    cutoff = timezone.now() - timedelta(seconds=stale_seconds)
    alive = WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).count()
    if alive:
        detail = ngettext("%(n)d worker alive", "%(n)d workers alive", alive) % {"n": alive}
    else:
        detail = _("no worker")
    return {"workers": alive, "ok": alive > 0, "detail": detail}
