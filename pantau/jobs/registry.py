"""Job kinds: each domain contributes the function that does its long work (the `jobs` seam).

A handler is `fn(job, progress)`: `progress(done, total=None, message="")`
records how far it got. It returns a JSON-able result dict. Handlers must be
safe to run again after a crash (the worker retries jobs whose heartbeat
stopped), which imports are by their natural keys.

What people read about a job is declared with its handler, in the language
of whoever reads it (a job's stored title is in the language of whoever
started it): `name` (lazy gettext) is the kind's human name; `title(params)`
the title of one job (default: the name); `summary(result)` the result as
(label, text) rows (default: none shown, so no raw dict reaches a page).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from pantau.core.seams import seams


@dataclass(frozen=True)
class JobKind:
    handler: Callable
    name: object  # a lazy translated string
    title: Callable[[dict], str] | None = None
    summary: Callable[[dict], list[tuple[str, str]]] | None = None


def job_kinds() -> dict[str, JobKind]:
    """Every job kind the apps contribute, by kind."""
    return {c.kind: JobKind(c.value, c.name or c.kind, c.title, c.summary) for c in seams.jobs}


def handler_for(kind: str) -> Callable | None:
    # Asked on every job queued (one per public report with a photo): the one kind, not all of them built;
    # the last contribution of a kind wins, as in job_kinds.
    return next((c.value for c in reversed(list(seams.jobs)) if c.kind == kind), None)


def job_title(job) -> str:
    """The job's title in the current language, from its kind and parameters."""
    declared = job_kinds().get(job.kind)
    if declared is None:
        return job.title
    try:
        return str(declared.title(job.params or {})) if declared.title else str(declared.name)
    except (KeyError, TypeError, ValueError):  # parameters of an older version: keep what was stored
        return job.title or str(declared.name)


def result_summary(job) -> list[tuple[str, str]]:
    """The finished job's result as readable (label, text) rows; an error becomes one row."""
    result = job.result or {}
    if isinstance(result, dict) and result.get("error"):
        return [(str(_("Error")), str(result["error"]))]
    declared = job_kinds().get(job.kind)
    if declared is None or declared.summary is None or not isinstance(result, dict):
        return []
    try:
        return [(str(label), str(text)) for label, text in declared.summary(result)]
    except (KeyError, TypeError, ValueError):  # a result of an older version
        return []
