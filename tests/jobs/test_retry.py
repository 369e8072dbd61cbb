"""A job that fails for a passing database reason is tried again, and its page and task rows say so."""

import pytest
from django.db import OperationalError, ProgrammingError
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from pantau.core.seams import seams
from pantau.jobs.models import Status
from pantau.jobs.runner import MAX_ATTEMPTS, retry_delay, start_job

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def flaky_job(settings):
    """A job that fails `params["failures"]` times with `params["error"]`, then works."""
    settings.PANTAU_JOB_RETRY_SECONDS = 0
    calls = []
    errors = {"deadlock": OperationalError("deadlock detected"), "bug": ProgrammingError("column x does not exist")}

    @seams.jobs("test.flaky")
    def flaky(job, progress):
        calls.append(job.attempts)
        if len(calls) <= job.params["failures"]:
            raise errors[job.params["error"]]
        return {"worked": True}

    yield calls
    seams.jobs.remove(flaky)


def run_queue():
    from pantau.jobs.worker import run_worker

    run_worker(interval=0.05, batch=True, routines=False)


def test_it_retries_a_job_that_failed_once_for_a_database_reason_and_shows_both_attempts(
    flaky_job, client_for, analyst
):
    job = start_job("test.flaky", "Flaky", {"failures": 1, "error": "deadlock"}, user=analyst)
    run_queue()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.result) == (Status.DONE, 2, {"worked": True})
    assert [entry["outcome"] for entry in job.attempt_log] == ["failed", "done"]
    tasks = DBTaskResult.objects.order_by("enqueued_at")
    assert [task.status for task in tasks] == ["FAILED", "SUCCESSFUL"]
    page = client_for(analyst).get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert page.count("<tr><td>1</td>") == 1 and page.count("<tr><td>2</td>") == 1
    assert "deadlock detected" in page
    assert "percobaan ke-2" in client_for(analyst).get(reverse("jobs:list")).content.decode()


def test_it_gives_up_on_a_database_failure_after_a_bounded_number_of_attempts(flaky_job):
    job = start_job("test.flaky", "Flaky", {"failures": 99, "error": "deadlock"})
    run_queue()
    job.refresh_from_db()
    assert (job.status, job.attempts, len(flaky_job)) == (Status.FAILED, MAX_ATTEMPTS, MAX_ATTEMPTS)
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"FAILED"}


def test_it_does_not_retry_a_job_whose_own_code_failed(flaky_job):
    job = start_job("test.flaky", "Flaky", {"failures": 1, "error": "bug"})
    run_queue()
    job.refresh_from_db()
    assert (job.status, job.attempts, len(flaky_job)) == (Status.FAILED, 1, 1)
    assert "column x does not exist" in job.message


def test_it_waits_longer_before_each_new_attempt(settings):
    settings.PANTAU_JOB_RETRY_SECONDS = 15
    assert [retry_delay(n) for n in (1, 2)] == [15, 30]
