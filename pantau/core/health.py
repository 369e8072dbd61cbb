"""What /healthz and `pantau check` look at."""

from typing import Any

from django.conf import settings
from django.db import connection

from pantau.jobs.worker import worker_status


def database_status() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True, "vendor": connection.vendor}
    except Exception as exc:  # any failure means unhealthy; the message says why
        return {"ok": False, "vendor": connection.vendor, "error": str(exc)}


def health() -> dict:
    status: dict[str, Any] = {
        "database": database_status(),
        "worker": worker_status(settings.PANTAU_WORKER_STALE_SECONDS),
    }
    status["ok"] = all(part["ok"] for part in status.values())
    return status
