from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """A piece of long work (an import, a classification run, a document).

    The task queue only carries the job's id; everything a person wants to
    see (progress, message, result) lives here so the UI can show it and it
    survives a restart of the worker.
    """

    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    params = models.JSONField(default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    result = models.JSONField(default=dict, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    # One entry per ended attempt (number, worker, start, end, outcome, error), shown on the job's page.
    attempt_log = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # While running: the lease's holder and the task-queue row it runs under.
    # The lease lasts PANTAU_JOB_LEASE_SECONDS past heartbeat_at.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    worker_id = models.CharField(max_length=64, blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return self.title

    @property
    def display_title(self) -> str:
        from .registry import job_title

        return job_title(self)

    @property
    def summary(self) -> list[tuple[str, str]]:
        from .registry import result_summary

        return result_summary(self)

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, int(100 * self.done / self.total))

    @property
    def lease_expired(self) -> bool:
        """Running, but its worker stopped renewing the lease: another worker will take it over."""
        if self.status != Status.RUNNING or self.heartbeat_at is None:
            return False
        return timezone.now() - self.heartbeat_at > timedelta(seconds=settings.PANTAU_JOB_LEASE_SECONDS)

    @property
    def is_finished(self) -> bool:
        return self.status in (Status.DONE, Status.FAILED)

    def place_in_queue(self) -> int | None:
        """How many queued jobs are ahead of this one (0 = next)."""
        if self.status != Status.QUEUED:
            return None
        return Job.objects.filter(status=Status.QUEUED, created_at__lt=self.created_at).count()


class WorkerHeartbeat(models.Model):
    """One row per worker process, touched while it runs; /healthz reads it."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField()


class RoutineRun(models.Model):
    """When a routine (pantau.jobs.routines) last started and how it ended, shared by all workers."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=500, blank=True)
    error = models.TextField(_("error"), blank=True)

    def __str__(self):
        return self.name
