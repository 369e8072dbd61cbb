"""Django system checks of Pantau's settings: each fires on a bad value and stays quiet on a good one."""

import subprocess
import sys

import pytest
from django.core import checks

GOOD_KEY = "q8V-3kZr_Tn1xW7pLm2Yc9Hs4Df6Gj0Ab5Ne8Ru1Io3Kt7Pw2Zx"


def ids(**kwargs):
    return {message.id for message in checks.run_checks(tags=["pantau"], **kwargs)}


@pytest.fixture
def good(settings, monkeypatch, tmp_path):
    """A development office with nothing to report."""
    settings.PANTAU_ENV = "development"
    settings.DEBUG = False
    settings.SECRET_KEY = GOOD_KEY
    settings.ALLOWED_HOSTS = ["pantau.example.go.id"]
    settings.TIME_ZONE = "Asia/Jakarta"
    settings.SITE_URL = "https://pantau.example.go.id"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    for name in (
        "PANTAU_EVIDENCE_ANCHOR", "PANTAU_EVIDENCE_STORAGE", "PANTAU_BACKUP_DIR", "PANTAU_BACKUP_KEEP",
        "PANTAU_BACKUP_PASSPHRASE", "PANTAU_IMPORT_MAX_LINE_BYTES", "PANTAU_IMPORT_MAX_DOCUMENT_BYTES",
        "PANTAU_IMPORT_MAX_FILE_BYTES",
    ):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    return settings


def test_it_reports_nothing_for_a_well_configured_office(good):
    assert ids() == set()


def test_it_reports_nothing_for_a_well_configured_production_office(good, monkeypatch, tmp_path):
    good.PANTAU_ENV = "production"
    monkeypatch.setenv("PANTAU_FIELD_KEYS", "a-key-from-the-environment")
    monkeypatch.setenv("PANTAU_EVIDENCE_ANCHOR", str(tmp_path))
    monkeypatch.setenv("PANTAU_BACKUP_DIR", str(tmp_path / "backups"))
    monkeypatch.setenv("PANTAU_BACKUP_PASSPHRASE", "a long enough passphrase")
    assert ids() == set()
    assert ids(include_deployment_checks=True) == set()


def test_it_refuses_a_weak_secret_key_at_every_start_in_production(good):
    good.PANTAU_ENV = "production"
    good.SECRET_KEY = "changeme"
    assert "pantau.E001" in ids()


def test_it_refuses_any_host_and_debug_in_production(good):
    good.PANTAU_ENV = "production"
    good.ALLOWED_HOSTS = ["*"]
    good.DEBUG = True
    assert {"pantau.E002", "pantau.E003"} <= ids()


def test_it_leaves_a_weak_development_key_to_the_deployment_checks(good):
    good.SECRET_KEY = "changeme"
    assert "pantau.E001" not in ids()
    assert {"pantau.E001", "pantau.W001"} <= ids(include_deployment_checks=True)


def test_it_reports_a_production_rule_once_with_deploy(good):
    good.PANTAU_ENV = "production"
    good.SECRET_KEY = "changeme"
    found = [m.id for m in checks.run_checks(tags=["pantau"], include_deployment_checks=True)]
    assert found.count("pantau.E001") == 1
    assert "pantau.W001" not in found


def test_it_warns_when_production_encrypts_identities_with_a_key_made_on_this_machine(good, monkeypatch):
    good.PANTAU_ENV = "production"
    monkeypatch.delenv("PANTAU_FIELD_KEYS", raising=False)
    messages = [m for m in checks.run_checks(tags=["pantau"]) if m.id == "pantau.W002"]
    assert len(messages) == 1 and "PANTAU_FIELD_KEYS" in messages[0].hint


@pytest.mark.parametrize("zone", ["Asia/Jakata", "WIB", "", "../etc/passwd"])
def test_it_refuses_a_zone_that_does_not_exist(good, zone):
    good.TIME_ZONE = zone
    assert "pantau.E010" in ids()


@pytest.mark.parametrize("zone", ["Asia/Makassar", "Asia/Jayapura", "UTC"])
def test_it_accepts_the_offices_zones(good, zone):
    good.TIME_ZONE = zone
    assert "pantau.E010" not in ids()


@pytest.mark.parametrize("url", ["pantau.example.go.id", "ftp://pantau.example.go.id", "https://", "http://x:port"])
def test_it_refuses_a_site_address_links_cannot_use(good, url):
    good.SITE_URL = url
    assert "pantau.E011" in ids()


def test_it_warns_when_mailed_links_lead_back_to_this_machine(good):
    good.SITE_URL = "http://127.0.0.1:8000"
    assert "pantau.W010" in ids()
    good.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    assert "pantau.W010" not in ids()


def test_it_refuses_an_anchor_log_that_cannot_be_written(good, monkeypatch, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where a folder should be")
    monkeypatch.setenv("PANTAU_EVIDENCE_ANCHOR", str(blocked / "heads.log"))
    assert "pantau.E020" in ids()


def test_it_refuses_an_evidence_storage_class_that_does_not_exist(good, monkeypatch):
    monkeypatch.setenv("PANTAU_EVIDENCE_STORAGE", "pantau.evidence.storage.NoSuchStorage")
    assert "pantau.E021" in ids()


def test_it_refuses_a_backup_folder_that_is_a_file(good, monkeypatch, tmp_path):
    (tmp_path / "backups").write_text("")
    monkeypatch.setenv("PANTAU_BACKUP_DIR", str(tmp_path / "backups"))
    assert "pantau.E030" in ids()


def test_it_refuses_a_bad_backup_count_and_a_short_passphrase(good, monkeypatch):
    monkeypatch.setenv("PANTAU_BACKUP_KEEP", "seven")
    monkeypatch.setenv("PANTAU_BACKUP_PASSPHRASE", "short")
    assert {"pantau.E031", "pantau.E032"} <= ids()


@pytest.mark.parametrize(
    "name", ["PANTAU_IMPORT_MAX_LINE_BYTES", "PANTAU_IMPORT_MAX_DOCUMENT_BYTES", "PANTAU_IMPORT_MAX_FILE_BYTES"]
)
def test_it_refuses_an_import_limit_that_is_not_a_number(good, monkeypatch, name):
    monkeypatch.setenv(name, "4MB")
    messages = [m for m in checks.run_checks(tags=["pantau"]) if m.id == "pantau.E040"]
    assert len(messages) == 1 and name in messages[0].msg


def test_it_lists_every_problem_in_pantau_check_instead_of_stopping_at_the_first(tmp_path):
    env = {"PANTAU_HOME": str(tmp_path), "PANTAU_BACKUP_KEEP": "seven", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "pantau", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0
    assert "FAIL system" in done.stdout and "pantau.E031" in done.stdout
    assert "ok   database" in done.stdout


def test_it_refuses_to_start_a_command_with_a_bad_setting(tmp_path):
    env = {"PANTAU_HOME": str(tmp_path), "PANTAU_IMPORT_MAX_FILE_BYTES": "lots", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "pantau", "stats"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0
    assert "pantau.E040" in done.stderr and "PANTAU_IMPORT_MAX_FILE_BYTES" in done.stderr
    assert "Traceback" not in done.stderr
