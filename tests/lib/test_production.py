"""What PANTAU_ENV=production refuses to start with, and what it turns on."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pantau.lib.env import ConfigError
from pantau.lib.production import check_production, secret_key_problem

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "q8V-3kZr_Tn1xW7pLm2Yc9Hs4Df6Gj0Ab5Ne8Ru1Io3Kt7Pw2Zx"
HOSTS = ["pantau.example.go.id"]


@pytest.mark.parametrize(
    "key",
    [
        "changeme",
        "secret",
        "changeme" * 8,
        "django-insecure-" + GOOD_KEY,
        "a" * 64,
        "abc123" * 12,
        GOOD_KEY[:40],
    ],
)
def test_it_refuses_a_weak_secret_key_naming_the_variable(key):
    with pytest.raises(ConfigError, match="PANTAU_SECRET_KEY"):
        check_production(key, HOSTS)


def test_it_accepts_a_long_random_secret_key():
    assert secret_key_problem(GOOD_KEY) is None
    check_production(GOOD_KEY, HOSTS)


def test_it_refuses_a_missing_secret_key():
    with pytest.raises(ConfigError, match="PANTAU_SECRET_KEY"):
        check_production(None, HOSTS)


def test_it_refuses_any_host_naming_the_variable():
    with pytest.raises(ConfigError, match="PANTAU_ALLOWED_HOSTS"):
        check_production(GOOD_KEY, ["pantau.example.go.id", "*"])


PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'hsts': s.SECURE_HSTS_SECONDS, 'subdomains': s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
    "'secure_cookies': s.SESSION_COOKIE_SECURE and s.CSRF_COOKIE_SECURE, "
    "'proxy_header': getattr(s, 'SECURE_PROXY_SSL_HEADER', None), 'session_age': s.SESSION_COOKIE_AGE, "
    "'browser_close': s.SESSION_EXPIRE_AT_BROWSER_CLOSE, 'token_days': s.REST_KNOX['TOKEN_TTL'].days, "
    "'lock_limit': s.AXES_FAILURE_LIMIT, 'lock_seconds': s.AXES_COOLOFF_TIME.total_seconds()}))"
)


def start(tmp_path, **env):
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("PANTAU_", "DATABASE_URL"))}
    environment.update(PANTAU_HOME=str(tmp_path), DJANGO_SETTINGS_MODULE="pantau.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def production(tmp_path, **env):
    defaults = {"PANTAU_ENV": "production", "PANTAU_SECRET_KEY": GOOD_KEY, "PANTAU_ALLOWED_HOSTS": HOSTS[0]}
    return start(tmp_path, **{**defaults, **env})


@pytest.mark.parametrize(
    "env,variable",
    [
        ({"PANTAU_SECRET_KEY": "changeme"}, "PANTAU_SECRET_KEY"),
        ({"PANTAU_SECRET_KEY": "x" * 60}, "PANTAU_SECRET_KEY"),
        ({"PANTAU_SECRET_KEY": "Kx9-short-but-random"}, "PANTAU_SECRET_KEY"),
        ({"PANTAU_ALLOWED_HOSTS": "*"}, "PANTAU_ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start(tmp_path, env, variable):
    result = production(tmp_path, **env)
    assert result.returncode != 0
    assert "ConfigError" in result.stderr and variable in result.stderr


def test_production_starts_with_hsts_and_secure_cookies_and_no_proxy_header(tmp_path):
    result = production(tmp_path)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["hsts"] == 31536000 and found["subdomains"] is False
    assert found["secure_cookies"] is True
    assert found["proxy_header"] is None


def test_production_believes_https_only_from_named_proxies(tmp_path):
    result = production(tmp_path, PANTAU_TRUSTED_PROXIES="10.0.0.1", PANTAU_HSTS_INCLUDE_SUBDOMAINS="yes")
    found = json.loads(result.stdout)
    assert found["proxy_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert found["subdomains"] is True


def test_development_sends_no_hsts(tmp_path):
    found = json.loads(start(tmp_path).stdout)
    assert found["hsts"] == 0 and found["secure_cookies"] is False


def test_it_reads_session_token_and_lockout_settings(tmp_path):
    result = start(
        tmp_path,
        PANTAU_SESSION_HOURS="8",
        PANTAU_SESSION_AT_BROWSER_CLOSE="no",
        PANTAU_TOKEN_DAYS="7",
        PANTAU_LOGIN_FAILURE_LIMIT="4",
        PANTAU_LOGIN_LOCKOUT_MINUTES="30",
    )
    found = json.loads(result.stdout)
    assert found["session_age"] == 8 * 3600 and found["browser_close"] is False
    assert found["token_days"] == 7
    assert (found["lock_limit"], found["lock_seconds"]) == (4, 1800)


def test_it_ends_sessions_after_a_working_day_and_at_browser_close_by_default(tmp_path):
    found = json.loads(start(tmp_path).stdout)
    assert found["session_age"] == 12 * 3600 and found["browser_close"] is True
    assert found["token_days"] == 30
