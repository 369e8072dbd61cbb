from django_tasks import task

from .runner import run_job


@task(takes_context=True)
def execute_job(context, job_id: int) -> None:
    # The task-queue worker's id holds the job's lease, so a dead worker's task row can be found and released.
    result = context.task_result
    run_job(job_id, worker_id=(result.worker_ids or [None])[-1], task_id=str(result.id))
