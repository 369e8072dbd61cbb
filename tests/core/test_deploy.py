"""`pantau check --deploy`, and the HTTPS header only a trusted proxy may send."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

pytestmark = pytest.mark.django_db

GOOD_KEY = "q8V-3kZr_Tn1xW7pLm2Yc9Hs4Df6Gj0Ab5Ne8Ru1Io3Kt7Pw2Zx"


@pytest.fixture
def worker_alive(db):
    from pantau.jobs.models import WorkerHeartbeat

    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w1", hostname="here", pid=1, started_at=now, seen_at=now)


def test_check_deploy_fails_on_a_weak_secret_key_naming_the_variable(settings, worker_alive, capsys):
    settings.SECRET_KEY = "changeme"
    with pytest.raises(CommandError):
        call_command("selfcheck", "--deploy")
    out = capsys.readouterr().out
    assert "FAIL system" in out and "pantau.E001" in out and "PANTAU_SECRET_KEY" in out


def test_check_deploy_fails_on_any_host(settings, worker_alive, capsys):
    settings.SECRET_KEY = GOOD_KEY
    settings.ALLOWED_HOSTS = ["*"]
    with pytest.raises(CommandError):
        call_command("selfcheck", "--deploy")
    assert "pantau.E002" in capsys.readouterr().out


def test_check_deploy_runs_djangos_deployment_checks_and_passes_without_errors(
    settings, worker_alive, capsys, monkeypatch
):
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE")  # the test run's own, an error in deployment
    settings.SECRET_KEY = GOOD_KEY
    settings.SECURE_HSTS_SECONDS = 0
    call_command("selfcheck", "--deploy")
    out = capsys.readouterr().out
    assert "security.W004" in out  # Django's own: no HSTS
    assert "ok   database" in out


def test_plain_check_leaves_out_the_deployment_checks(settings, worker_alive, capsys):
    settings.SECRET_KEY = "changeme"
    call_command("selfcheck")
    assert "pantau.E001" not in capsys.readouterr().out


def test_it_believes_https_from_a_trusted_proxy_only(settings, rf):
    from pantau.core.middleware import forwarded_proto_from_trusted_proxies

    settings.PANTAU_TRUSTED_PROXIES = ["10.0.0.1"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    seen = {}

    def view(request):
        seen[request.META["REMOTE_ADDR"]] = request.is_secure()

    middleware = forwarded_proto_from_trusted_proxies(view)
    middleware(rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_PROTO="https"))
    middleware(rf.get("/", REMOTE_ADDR="10.6.6.6", HTTP_X_FORWARDED_PROTO="https"))
    assert seen == {"10.0.0.1": True, "10.6.6.6": False}


def test_it_sends_hsts_over_https_when_configured(settings, client):
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/healthz", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=3600; includeSubDomains"


def test_check_warns_when_mailed_links_lead_back_to_this_machine(settings, worker_alive, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.SITE_URL = "http://127.0.0.1:8000"
    call_command("selfcheck")
    assert "http://127.0.0.1:8000, which opens only on this machine" in capsys.readouterr().out


def test_check_names_the_address_of_mailed_links(settings, worker_alive, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.SITE_URL = "https://pantau.example.go.id"
    call_command("selfcheck")
    out = capsys.readouterr().out
    assert "e-mail links lead to https://pantau.example.go.id" in out and "opens only" not in out
