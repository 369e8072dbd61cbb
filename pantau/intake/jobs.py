"""The import as a background job: an uploaded file, imported with progress."""

import os
from pathlib import Path

from django.contrib.auth import get_user_model

from pantau.jobs.registry import job_handler

from .formats import FileRejected
from .importer import import_file


@job_handler("intake.import")
def run_import(job, progress):
    params = job.params
    user = get_user_model().objects.filter(pk=job.created_by_id).first()
    path = Path(params["path"])
    try:
        summary = import_file(
            path,
            fmt=params.get("format") or None,
            user=user,
            name=params.get("name", ""),
            progress=lambda done, total: progress(done, total=total, message=params.get("name", "")),
        )
    except FileRejected as exc:
        # A file that is not an export is the person's mistake, not a crash: say so in one line.
        progress(0, total=1, message=str(exc), force=True)
        _remove(path, params)
        return {"error": str(exc)}
    # Kept after a crash, so the retried job (or the resume) finds it again.
    _remove(path, params)
    return summary.as_dict()


def _remove(path, params):
    if params.get("delete_after") and path.exists():
        os.unlink(path)
