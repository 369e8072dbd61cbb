"""The import as a background job: an uploaded file, imported with progress."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from pantau.jobs import files

from .formats import FileRejected
from .importer import import_file


def import_title(params):
    return _("Import %(name)s") % {"name": params["name"][:150]}


def import_summary(result):
    rows = [
        (_("File"), result["file"]),
        (_("Format"), result["format"]),
        (_("Rows read"), result["read"]),
        (_("New posts"), result["created"]),
        (_("Posts updated"), result["updated"]),
        (_("Skipped (already there or not a post)"), result["skipped"]),
        (_("Rows rejected"), result["rejected"]),
    ]
    if result.get("resumed_from"):
        rows.append((_("Resumed from row"), result["resumed_from"]))
    rows += [(_("Problem"), problem) for problem in result.get("problems", [])]
    rows += [(_("Note"), note) for note in result.get("notes", [])]
    return rows


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
