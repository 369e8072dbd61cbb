"""Jobs are leased to one worker: renewed while they run, released when their worker dies, never run twice."""

import threading
import time

import pytest
from django.db import OperationalError
from django.utils import timezone

from pantau.core.seams import seams
from pantau.jobs.db import in_chunks, retry_when_locked, with_ids
from pantau.jobs.models import Job, RoutineRun, Status, WorkerHeartbeat
from pantau.jobs.runner import LeaseLost, Progress, claim_job, release_dead_tasks, requeue_abandoned_jobs, run_job

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def short_lease(settings):
    settings.PANTAU_JOB_HEARTBEAT_SECONDS = 0.2
    settings.PANTAU_JOB_LEASE_SECONDS = 1


@pytest.fixture
def sleeping_job():
    """A job whose one step takes `seconds` without reporting progress (like classifying 1M posts)."""

    @seams.jobs("test.sleep")
    def sleep(job, progress):
        time.sleep(job.params["seconds"])
        return {"slept": job.params["seconds"]}

    yield
    seams.jobs.remove(sleep)


def locked_then(value, failures: int):
    calls = []

    def fn():
        calls.append(1)
        if len(calls) <= failures:
            raise OperationalError("database is locked")
        return value

    return fn, calls


def test_it_retries_a_write_while_the_database_is_locked(monkeypatch):
    monkeypatch.setattr("pantau.jobs.db.time.sleep", lambda seconds: None)
    fn, calls = locked_then("written", failures=3)
    assert retry_when_locked(fn) == "written"
    assert len(calls) == 4


def test_it_gives_up_on_a_lock_after_a_bounded_number_of_tries(monkeypatch):
    pauses = []
    monkeypatch.setattr("pantau.jobs.db.time.sleep", pauses.append)
    fn, calls = locked_then("never", failures=100)
    with pytest.raises(OperationalError, match="locked"):
        retry_when_locked(fn, attempts=5)
    assert len(calls) == 5
    assert pauses == sorted(pauses)  # each pause longer than the one before (backoff)


def test_it_does_not_retry_other_database_errors():
    calls = []

    def fn():
        calls.append(1)
        raise OperationalError("no such table: intake_post")

    with pytest.raises(OperationalError, match="no such table"):
        retry_when_locked(fn)
    assert len(calls) == 1


def test_it_reads_every_row_in_chunks_in_order():
    for n in range(7):
        RoutineRun.objects.create(name=f"r{n}")
    by_pk = [row.name for row in in_chunks(RoutineRun.objects.order_by("pk"), size=3)]
    by_name = [row[0] for row in in_chunks(RoutineRun.objects.order_by("-name").values_list("name"), size=3)]
    assert by_pk == [f"r{n}" for n in range(7)]
    assert by_name == [f"r{n}" for n in reversed(range(7))]


@pytest.mark.parametrize("every", [1, 2, 5], ids=["consecutive", "every other", "sparse"])
def test_it_reads_exactly_the_rows_of_the_ids_asked_for(every):
    pks = [RoutineRun.objects.create(name=f"r{n}").pk for n in range(30)]
    asked = pks[3:25:every]
    rows = with_ids(RoutineRun.objects.values("pk", "name"), asked)
    assert sorted(row["pk"] for row in rows) == asked
    assert with_ids(RoutineRun.objects.values("pk"), []) == []


def test_it_marks_a_job_failed_even_when_the_database_is_locked_for_a_moment(monkeypatch):
    from django.db.models import QuerySet

    @seams.jobs("test.fail")
    def fail(job, progress):
        raise ValueError("bad file")

    original, failures = QuerySet.update, []

    def flaky_update(self, **fields):
        if fields.get("status") == Status.FAILED and len(failures) < 3:
            failures.append(1)
            raise OperationalError("database is locked")
        return original(self, **fields)

    monkeypatch.setattr(QuerySet, "update", flaky_update)
    monkeypatch.setattr("pantau.jobs.db.time.sleep", lambda seconds: None)
    try:
        job = Job.objects.create(kind="test.fail", title="x")
        run_job(job.pk)
    finally:
        seams.jobs.remove(fail)
    job.refresh_from_db()
    assert (job.status, job.message, len(failures)) == (Status.FAILED, "ValueError: bad file", 3)


def test_a_long_step_keeps_its_lease_so_no_other_worker_takes_the_job(short_lease, sleeping_job):
    job = Job.objects.create(kind="test.sleep", title="long", params={"seconds": 2.5})
    runner = threading.Thread(target=run_job, args=(job.pk, "worker-a"))
    runner.start()
    try:
        time.sleep(1.6)  # longer than the lease: only the heartbeat thread keeps it
        assert requeue_abandoned_jobs() == 0
        assert claim_job(job.pk, "worker-b") is False
    finally:
        runner.join(timeout=30)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.worker_id) == (Status.DONE, 1, "worker-a")


def test_it_releases_a_job_whose_worker_stopped_renewing_its_lease(short_lease):
    now = timezone.now()
    last_renewed = now - timezone.timedelta(seconds=5)
    dead = Job.objects.create(kind="x", title="dead", status=Status.RUNNING, heartbeat_at=last_renewed)
    alive = Job.objects.create(kind="x", title="alive", status=Status.RUNNING, heartbeat_at=now)
    assert requeue_abandoned_jobs() == 1
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert (dead.status, alive.status) == (Status.QUEUED, Status.RUNNING)


def test_a_worker_that_lost_its_job_stops_it_and_leaves_the_result_to_the_new_holder():
    job = Job.objects.create(kind="x", title="taken")
    assert claim_job(job.pk, "worker-a")
    Job.objects.filter(pk=job.pk).update(worker_id="worker-b")  # taken over while worker-a stalled

    class Lease:
        worker_id = "worker-a"
        lost = threading.Event()

    with pytest.raises(LeaseLost):
        Progress(job, Lease())(5, total=10, force=True)
    job.refresh_from_db()
    assert (job.done, job.worker_id) == (0, "worker-b")


def test_it_closes_the_task_row_of_a_worker_that_died(short_lease):
    from django_tasks_db.models import DBTaskResult

    long_ago = timezone.now() - timezone.timedelta(minutes=5)
    common = {"args_kwargs": {"args": [1], "kwargs": {}}, "task_path": "pantau.jobs.tasks.execute_job"}
    common.update(backend_name="default", run_after=long_ago, status="RUNNING", started_at=long_ago)
    orphan = DBTaskResult.objects.create(worker_ids=["dead-worker"], **common)
    living = DBTaskResult.objects.create(worker_ids=["live-worker"], **common)
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="live-worker", hostname="h", pid=1, started_at=now, seen_at=now)
    assert release_dead_tasks() == 1
    orphan.refresh_from_db()
    living.refresh_from_db()
    assert (orphan.status, living.status) == ("FAILED", "RUNNING")
