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
