from django_tasks import task

from .runner import run_job


@task()
def execute_job(job_id: int) -> None:
    run_job(job_id)
