from pantau.jobs.files import finished, output_path
from pantau.jobs.registry import job_handler
from pantau.people.models import User

from .exports import run_export


@job_handler("dashboards.export")
def export_job(job, progress):
    user = User.objects.filter(pk=job.created_by_id).first() if job.created_by_id else None
    kind, fmt = job.params["kind"], job.params["format"]
    filename = f"pantau-{kind}.{fmt}"
    with output_path(job, filename) as path:
        rows = run_export(kind, fmt, path, user=user, progress=progress, filters=job.params.get("filters"))
    progress(rows, rows, f"{rows} baris", force=True)
    return {**finished(job, filename), "rows": rows}
