from django.utils.translation import gettext_lazy as _

from pantau.jobs.files import file_summary, finished, output_path
from pantau.people.models import User

from .exports import export_kinds, run_export


def export_title(params):
    return f"{export_kinds()[params['kind']].title} ({params['format'].upper()})"


def export_summary(result):
    return [*file_summary(result), (_("Rows"), result["rows"])]


def export_job(job, progress):
    user = User.objects.filter(pk=job.created_by_id).first() if job.created_by_id else None
    kind, fmt = job.params["kind"], job.params["format"]
    filename = f"pantau-{kind}.{fmt}"
    with output_path(job, filename) as path:
        rows = run_export(kind, fmt, path, user=user, progress=progress, filters=job.params.get("filters"))
    progress(rows, rows, _("%(rows)d rows") % {"rows": rows}, force=True)
    return {**finished(job, filename), "rows": rows}
