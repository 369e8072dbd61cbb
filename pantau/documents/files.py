"""Where generated files (documents, exports) wait to be downloaded: MEDIA_ROOT/generated/<job id>/."""

from pathlib import Path

from django.conf import settings
from django.urls import reverse


def output_dir(job) -> Path:
    path = Path(settings.MEDIA_ROOT) / "generated" / str(job.pk)
    path.mkdir(parents=True, exist_ok=True)
    return path


def finished(job, filename: str) -> dict:
    """The job result that the job page turns into a download button."""
    path = output_dir(job) / filename
    return {"file": filename, "bytes": path.stat().st_size, "download": reverse("documents:download", args=[job.pk])}


def stored_file(job) -> Path | None:
    name = (job.result or {}).get("file")
    if not name or "/" in name or "\\" in name:
        return None
    path = output_dir(job) / name
    return path if path.is_file() else None
