"""The import as a background job: an uploaded file, imported with progress.

A line-based file (JSON Lines, CSV; `parts.py`) larger than
PANTAU_IMPORT_PART_BYTES is cut into pieces at records' ends, each imported
as a job of its own through the same `import_file` (so several workers share
one big import), and one finishing job adds up the parts' counts once the
last has ended. A piece is a file of its own to `import_file`: a part killed
half-way resumes from its own checkpoint, and one run twice skips what is
there (the posts' natural keys). Each committed batch tells the other apps
(`posts_imported`), which queue classification and coordination as usual.
"""

import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pantau.jobs import files
from pantau.jobs.models import Job, Status
from pantau.jobs.parts import start_parts

from . import parts
from .formats import FileRejected, detect_format
from .importer import COUNTS, import_file, open_source

KIND = "intake.import"
PROBLEMS_SHOWN = 20


def import_title(params):
    name = {"name": params["name"][:150]}
    if params.get("stage") == "part":
        return _("Import %(name)s (part %(number)s of %(of)s)") % (name | params)
    if params.get("stage") == "finish":
        return _("Import %(name)s: add up the parts") % name
    return _("Import %(name)s") % name


def import_summary(result):
    if "read" not in result and "parts" in result:  # a big file, cut into parts that are jobs of their own
        return [(gettext_lazy("Parts queued"), result["parts"])]
    rows = [
        (gettext_lazy("File"), result["file"]),
        (gettext_lazy("Format"), result["format"]),
        (gettext_lazy("Rows read"), result["read"]),
        (gettext_lazy("New posts"), result["created"]),
        (gettext_lazy("Posts updated"), result["updated"]),
        (gettext_lazy("Skipped (already there or not a post)"), result["skipped"]),
        (gettext_lazy("Rows rejected"), result["rejected"]),
    ]
    if result.get("resumed_from"):
        rows.append((gettext_lazy("Resumed from row"), result["resumed_from"]))
    rows += [(gettext_lazy("Problem"), problem) for problem in result.get("problems", [])]
    rows += [(gettext_lazy("Note"), note) for note in result.get("notes", [])]
    return rows


def run_import(job, progress):
    params = job.params
    if params.get("stage") == "part":
        return _import_part(job, progress)
    if params.get("stage") == "finish":
        return _add_up(job)
    user = get_user_model().objects.filter(pk=job.created_by_id).first()
    try:
        with files.local_path(params["upload"]) as path:
            fmt, cut = _cut(path, params)
            if cut is not None and len(cut.pieces) > 1:
                return _queue_parts(job, params, fmt, cut, progress)
            summary = import_file(
                path,
                fmt=fmt,
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


def _cut(path: Path, params: dict) -> tuple[str | None, parts.Cut | None]:
    """The file's format and, for a big line-based file, its pieces (None when it stays one job)."""
    if path.stat().st_size <= settings.PANTAU_IMPORT_PART_BYTES:
        return params.get("format") or None, None
    source = open_source(path, name=params.get("name", ""), group=params.get("group", ""))
    fmt = params.get("format") or detect_format(source)
    if not parts.splittable(fmt, source.encoding, archived=bool(source.member)):
        return fmt, None
    return fmt, parts.cut(path, fmt, settings.PANTAU_IMPORT_PART_BYTES)


def _queue_parts(job, params, fmt, cut, progress) -> dict:
    common = {key: params.get(key, "") for key in ("upload", "name", "group")} | {"format": fmt}
    pieces = [
        common | {"stage": "part", "header": cut.header, "header_lines": cut.header_lines, "piece": _piece(p)}
        for p in cut.pieces
    ]
    finish = start_parts(KIND, pieces, import_title, follow_up=common | {"stage": "finish"}, user=job.created_by)
    progress(len(pieces), len(pieces), _("%(count)s parts queued") % {"count": len(pieces)}, force=True)
    return {"parts": len(pieces), "finish": finish.pk if finish else None}


def _piece(piece: parts.Piece) -> list[int]:
    return [piece.start, piece.end, piece.lines_before]


def _import_part(job, progress) -> dict:
    params = job.params
    piece = parts.Piece(*params["piece"])
    user = get_user_model().objects.filter(pk=job.created_by_id).first()
    with tempfile.TemporaryDirectory(prefix="pantau-part-") as folder:
        path = Path(folder) / f"part-{params['number']}.{params['format']}"
        with default_storage.open(params["upload"], "rb") as stored:
            parts.write_piece(stored, params["header"], piece, path)
        try:
            summary = import_file(
                path,
                fmt=params["format"],
                user=user,
                name=f"{params['name']} ({params['number']}/{params['of']})"[:255],
                group=params.get("group", ""),
                progress=lambda done, total: progress(done, total=total, message=params.get("name", "")),
            )
        except FileRejected as exc:
            return {"error": str(exc)}
    result = summary.as_dict()
    result["problems"] = [parts.file_lines(p, params["header_lines"], piece.lines_before) for p in result["problems"]]
    return result


def _add_up(job) -> dict:
    """The parts' counts as one import's; the upload is deleted once every part has imported its piece."""
    params = job.params
    totals = dict.fromkeys(COUNTS, 0)
    problems: list[str] = []
    notes: list[str] = []
    unfinished = 0
    for part in Job.objects.filter(params__then=job.pk).order_by("pk"):
        result = part.result or {}
        if part.status != Status.DONE or "error" in result:
            unfinished += 1
            error = result.get("error") or part.message
            problems.append(_("part %(number)s: %(error)s") % {"number": part.params.get("number"), "error": error})
            continue
        for key in COUNTS:
            totals[key] += int(result.get(key, 0))
        problems += result.get("problems", [])
        notes += [note for note in result.get("notes", []) if note not in notes]
    if not unfinished:
        files.delete(params["upload"])
    return {
        "file": params.get("name", ""),
        "format": params.get("format", ""),
        **totals,
        "problems": problems[:PROBLEMS_SHOWN],
        "notes": notes,
    }
