"""The import as a background job: an uploaded file, imported with progress."""

from django.contrib.auth import get_user_model

from pantau.jobs import files
from pantau.jobs.registry import job_handler

from .formats import FileRejected
from .importer import import_file


@job_handler("intake.import")
def run_import(job, progress):
    params = job.params
    user = get_user_model().objects.filter(pk=job.created_by_id).first()
    try:
        with files.local_path(params["upload"]) as path:
            summary = import_file(
                path,
                fmt=params.get("format") or None,
                user=user,
                name=params.get("name", ""),
                group=params.get("group", ""),
                progress=lambda done, total: progress(done, total=total, message=params.get("name", "")),
            )
    except FileRejected as exc:
        # A file that is not an export is the person's mistake, not a crash: say so in one line.
        progress(0, total=1, message=str(exc), force=True)
        files.delete(params["upload"])
        return {"error": str(exc)}
    # Kept after a crash, so the retried job (or the resume) finds it again.
    files.delete(params["upload"])
    return summary.as_dict()
