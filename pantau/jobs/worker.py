"""The worker process: django-tasks-db's worker plus a heartbeat row."""

import os
import socket
import threading
import uuid
from datetime import timedelta

from django.db import close_old_connections
from django.utils import timezone

from .models import WorkerHeartbeat
from .routines import routine_loop
from .runner import requeue_abandoned_jobs

HEARTBEAT_SECONDS = 10


def beat(worker_id: str, started_at) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname(),
            "pid": os.getpid(),
            "started_at": started_at,
            "seen_at": timezone.now(),
        },
    )


def _heartbeat_loop(worker_id: str, started_at, stop: threading.Event) -> None:
    while not stop.wait(HEARTBEAT_SECONDS):
        try:
            beat(worker_id, started_at)
            requeue_abandoned_jobs()
        finally:
            close_old_connections()


def run_worker(interval: float = 1.0, batch: bool = False, routines: bool = True) -> None:
    """Run queued jobs until stopped (or, with `batch`, until the queue is empty).

    Alongside, threads keep the heartbeat row fresh and, unless `routines` is
    off, run the routines that are due (deadline warnings, alerts...).
    """
    from django_tasks_db.management.commands.db_worker import Worker

    worker_id = f"{socket.gethostname()[:40]}-{uuid.uuid4().hex[:8]}"
    started_at = timezone.now()
    beat(worker_id, started_at)
    requeue_abandoned_jobs()
    stop = threading.Event()
    thread = threading.Thread(target=_heartbeat_loop, args=(worker_id, started_at, stop), daemon=True)
    thread.start()
    if routines and not batch:
        threading.Thread(target=routine_loop, args=(stop,), daemon=True).start()
    worker = Worker(
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
        worker.run()
    finally:
        stop.set()
        WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def worker_status(stale_seconds: int) -> dict:
    cutoff = timezone.now() - timedelta(seconds=stale_seconds)
    alive = WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).count()
    return {"workers": alive, "ok": alive > 0}
