import pytest
from django.utils import timezone

from pantau.core.seams import seams
from pantau.jobs.models import Job, Status
from pantau.jobs.runner import requeue_abandoned_jobs, run_job, start_job

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def counting_job():
    @seams.jobs("test.count")
    def count(job, progress):
        for n in range(1, job.params["upto"] + 1):
            progress(n, total=job.params["upto"], message=f"at {n}")
        return {"counted": job.params["upto"]}

    yield
    seams.jobs.remove(count)


def test_it_runs_a_job_through_the_worker_and_records_progress(counting_job):
    from pantau.jobs.worker import run_worker

    job = start_job("test.count", "Count", {"upto": 5})
    run_worker(interval=0.1, batch=True)
    job.refresh_from_db()
    assert job.status == Status.DONE
    assert (job.done, job.total, job.result) == (5, 5, {"counted": 5})


def test_it_records_a_failure_with_its_message(counting_job):
    job = Job.objects.create(kind="test.count", title="bad", params={})
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert "upto" in job.message


def test_it_requeues_a_job_whose_worker_died(counting_job):
    stale = timezone.now() - timezone.timedelta(minutes=30)
    job = Job.objects.create(
        kind="test.count", title="c", params={"upto": 2}, status=Status.RUNNING, heartbeat_at=stale, attempts=1
    )
    assert requeue_abandoned_jobs() == 1
    job.refresh_from_db()
    assert job.status == Status.QUEUED


def test_it_tells_a_queued_job_its_place_in_the_queue():
    first = Job.objects.create(kind="x", title="a")
    second = Job.objects.create(kind="x", title="b")
    assert (first.place_in_queue(), second.place_in_queue()) == (0, 1)


def test_it_queues_one_job_when_asked_again_while_one_waits(counting_job):
    from pantau.jobs.runner import start_job_once

    first = start_job_once("test.count", "Count", {"upto": 1})
    second = start_job_once("test.count", "Count", {"upto": 1})
    assert first.pk == second.pk
    assert Job.objects.filter(kind="test.count").count() == 1


def test_it_lists_the_open_jobs_and_the_live_workers_on_the_command_line(db, capsys):
    import json

    from django.core.management import call_command

    from pantau.jobs.models import WorkerHeartbeat

    waiting = Job.objects.create(kind="intake.import", title="Import grup.txt", total=10, done=4)
    Job.objects.create(kind="detection.classify", title="Classify", status=Status.DONE)
    WorkerHeartbeat.objects.create(
        worker_id="w-1", hostname="pantau-2", pid=77, started_at=timezone.now(), seen_at=timezone.now()
    )
    call_command("jobs")
    out = capsys.readouterr().out
    assert "queued: 1" in out and "done: 1" in out
    assert f"#{waiting.pk}" in out and "4/10" in out and "Import grup.txt" in out
    assert "workers alive: 1" in out and "pantau-2 pid 77" in out
    call_command("jobs", "--json")
    state = json.loads(capsys.readouterr().out)
    assert [job["title"] for job in state["open"]] == ["Import grup.txt"]
