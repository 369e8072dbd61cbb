import pytest
from django.utils import timezone

from pantau.jobs.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_it_reports_unhealthy_without_a_worker(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"]["ok"] is True
    assert response.json()["worker"]["ok"] is False


def test_it_reports_healthy_when_a_worker_has_beaten_recently(client):
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w1", hostname="h", pid=1, started_at=now, seen_at=now)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["ok"] is True


def test_it_ignores_a_worker_that_stopped_beating(client):
    old = timezone.now() - timezone.timedelta(minutes=10)
    WorkerHeartbeat.objects.create(worker_id="w1", hostname="h", pid=1, started_at=old, seen_at=old)
    assert client.get("/healthz").status_code == 503


class _Worker:
    def __init__(self, returncode=None):
        self.returncode = returncode

    def poll(self):
        return self.returncode


def test_serve_waits_until_the_worker_has_checked_in(client):
    from pantau.core.management.commands.serve import Command

    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w1", hostname="h", pid=1, started_at=now, seen_at=now)
    Command()._wait_for(_Worker(), timeout=0.5)
    assert client.get("/healthz").status_code == 200


def test_serve_stops_with_a_message_when_the_worker_dies_at_start():
    from django.core.management.base import CommandError

    from pantau.core.management.commands.serve import Command

    with pytest.raises(CommandError, match="worker stopped at start"):
        Command()._wait_for(_Worker(returncode=1), timeout=5)


@pytest.mark.parametrize(
    "extra, backend",
    [({}, "filebased.EmailBackend"), ({"PANTAU_SMTP_HOST": "mail.example.go.id"}, "smtp.EmailBackend")],
)
def test_mail_waits_in_the_outbox_until_a_mail_server_is_set(tmp_path, extra, backend):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PANTAU_SMTP", "PANTAU_EMAIL", "PANTAU_ENV"))}
    env.update(PANTAU_HOME=str(tmp_path), **extra)
    code = "import django; django.setup(); from django.conf import settings; print(settings.EMAIL_BACKEND)"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().endswith(backend), done.stderr


def test_it_says_no_worker_in_indonesian_when_none_is_alive(client):
    assert client.get("/healthz").json()["worker"]["detail"] == "tidak ada worker"


def test_the_jobs_page_says_no_worker_when_none_is_alive(client_for, analyst):
    page = client_for(analyst).get("/jobs/").content.decode()
    assert "tidak ada worker" in page


def test_the_jobs_page_says_nothing_of_workers_while_one_is_alive(client_for, analyst):
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w1", hostname="h", pid=1, started_at=now, seen_at=now)
    page = client_for(analyst).get("/jobs/").content.decode()
    assert "tidak ada worker" not in page


def test_the_jobs_page_says_when_a_running_job_lost_its_worker(client_for, analyst):
    from pantau.jobs.models import Job

    stale = timezone.now() - timezone.timedelta(minutes=5)
    job = Job.objects.create(kind="x", title="Impor besar", status="running", heartbeat_at=stale)
    fresh = Job.objects.create(kind="x", title="Impor kecil", status="running", heartbeat_at=timezone.now())
    client = client_for(analyst)
    assert "worker lain akan mengambil alih" in client.get(f"/jobs/{job.pk}/").content.decode()
    assert "worker lain akan mengambil alih" not in client.get(f"/jobs/{fresh.pk}/").content.decode()
