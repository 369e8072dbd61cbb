"""`pantau check`: these checks, and each domain's through the `selfchecks` seam; fn returns (ok, detail).

ok is True, False (a failure: the command exits non-zero) or None (a warning).
"""

import os

from django.conf import settings

from .health import database_status
from .seams import seams


def _database():
    status = database_status()
    return status["ok"], status.get("error") or f"{status['vendor']} reachable"


def _storage():
    home = settings.PANTAU_HOME
    return os.access(home, os.W_OK), f"PANTAU_HOME={home} writable" if os.access(
        home, os.W_OK
    ) else f"{home} not writable"


def _worker():
    from pantau.jobs.worker import worker_status

    status = worker_status(settings.PANTAU_WORKER_STALE_SECONDS)
    if status["ok"]:
        return True, f"{status['workers']} worker(s) alive"
    return False, "no worker has reported in the last minute (is `pantau serve` or `pantau worker` running?)"


def _mail():
    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        return True, f"e-mail is kept in {settings.EMAIL_FILE_PATH} (set PANTAU_SMTP_HOST to send it)"
    if settings.EMAIL_BACKEND.endswith("smtp.EmailBackend"):
        return True, f"e-mail goes through {settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    return True, f"e-mail backend {settings.EMAIL_BACKEND}"


def _links():
    # A loopback address with mail leaving the machine is a system check's warning (pantau/core/checks.py).
    return True, f"e-mail links lead to {settings.SITE_URL}"


CHECKS = [
    ("database", _database), ("storage", _storage), ("worker", _worker), ("e-mail", _mail), ("links", _links),
]  # fmt: skip


def run_selfcheck():
    found = list(CHECKS) + [(contribution.name, contribution.value) for contribution in seams.selfchecks]
    for name, fn in found:
        ok, detail = fn()
        yield name, ok, detail
