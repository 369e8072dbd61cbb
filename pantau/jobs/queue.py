"""What the queue holds right now: open jobs and the workers that take them (`pantau jobs`, docs/deployment.md)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from .models import Job, Status, WorkerHeartbeat


def queue_state(limit: int = 50) -> dict:
    """Counts of jobs per state, the open jobs (oldest first, at most `limit`) and the workers seen lately."""
    counts = dict(Job.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    open_jobs = Job.objects.filter(status__in=[Status.QUEUED, Status.RUNNING]).order_by("created_at")[:limit]
    cutoff = timezone.now() - timedelta(seconds=settings.PANTAU_WORKER_STALE_SECONDS)
    workers = WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).order_by("hostname", "pid")
    return {
        "counts": {status: counts.get(status, 0) for status in Status.values},
        "open": [_job_row(job) for job in open_jobs],
        "workers": [
            {"worker": w.worker_id, "host": w.hostname, "pid": w.pid, "seen_at": w.seen_at.isoformat()} for w in workers
        ],
    }


def _job_row(job: Job) -> dict:
    return {
        "id": job.pk,
        "kind": job.kind,
        "title": job.title,
        "status": job.status,
        "done": job.done,
        "total": job.total,
        "attempts": job.attempts,
        "worker": job.worker_id,
        "created_at": job.created_at.isoformat(),
    }
