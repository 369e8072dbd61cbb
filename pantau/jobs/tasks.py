from django_tasks import task

from .models import Status
from .runner import run_job


class JobAttemptFailed(Exception):
    """Raised after a job's attempt failed, so its task row says FAILED as the job's page does."""


@task(takes_context=True)
def execute_job(context, job_id: int) -> None:
    # The task-queue worker's id holds the job's lease, so a dead worker's task row can be found and released.
    result = context.task_result
    job = run_job(job_id, worker_id=(result.worker_ids or [None])[-1], task_id=str(result.id))
    # Only an attempt this task ran counts: a task that found its job done or held elsewhere did nothing.
    if job is None or job.task_id != str(result.id) or not job.attempt_log:
        return
    if job.attempt_log[-1]["outcome"] == Status.FAILED:
        then = "queued again" if job.status == Status.QUEUED else "failed"
        raise JobAttemptFailed(f"job {job.pk} attempt {job.attempts} {then}: {job.message}")
