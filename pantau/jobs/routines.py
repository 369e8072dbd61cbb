"""Routine work the worker does on its own, on a clock.

Deadline warnings, alerts about action items and the erasure of old
reporters' identities must happen whether or not anyone remembers to run a
command. A domain contributes a plain function through the `routines` seam;
every worker process checks once a minute which routines are due and runs
them. With N workers (PostgreSQL, several machines) each routine still runs
once per period: a worker first claims it with a conditional UPDATE of its
`RoutineRun` row, which only one of them can win.
"""

import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import close_old_connections
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import ngettext

from pantau.core.seams import seams

from .models import RoutineRun

log = logging.getLogger(__name__)
CHECK_SECONDS = 60


@dataclass(frozen=True)
class Routine:
    name: str
    title: str
    every: timedelta
    fn: Callable[[], object]

    @property
    def period_text(self) -> str:
        minutes = int(self.every.total_seconds() // 60)
        if minutes % 1440 == 0:
            return ngettext("%(n)d day", "%(n)d days", minutes // 1440) % {"n": minutes // 1440}
        if minutes % 60 == 0:
            return ngettext("%(n)d hour", "%(n)d hours", minutes // 60) % {"n": minutes // 60}
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


def routines() -> dict[str, Routine]:
    """Every routine the apps contribute (pantau.core.seams), by name."""
    return {c.name: Routine(c.name, c.title, c.every, c.value) for c in seams.routines}


def routine_status() -> list[dict]:
    """Every routine with its period and last run, for the jobs page and `pantau routines`."""
    found = routines()
    runs = {run.name: run for run in RoutineRun.objects.filter(name__in=found)}
    return [{"routine": item, "run": runs.get(item.name)} for item in found.values()]


def claim(item: Routine, now) -> bool:
    """True for the one caller that may run `item` now (it was not started within its period)."""
    RoutineRun.objects.get_or_create(name=item.name)
    due = Q(started_at__isnull=True) | Q(started_at__lte=now - item.every)
    return RoutineRun.objects.filter(due, name=item.name).update(started_at=now) == 1


def run_due_routines(now=None, force: bool = False) -> list[str]:
    """Run every routine whose period has passed (with `force`, every one); return the names of those run."""
    now = now or timezone.now()
    ran = []
    for item in routines().values():
        if force:
            RoutineRun.objects.update_or_create(name=item.name, defaults={"started_at": now})
        elif not claim(item, now):
            continue
        ran.append(item.name)
        try:
            result, error = item.fn(), ""
        except Exception as exc:  # a failing routine is recorded and retried next period; the others still run
            # One line for the operator's console; the traceback is kept on the RoutineRun row.
            log.warning("routine %s failed: %s", item.name, exc)
            result, error = None, traceback.format_exc(limit=5)
        RoutineRun.objects.filter(name=item.name).update(
            finished_at=timezone.now(), result="" if result is None else str(result)[:500], error=error
        )
    return ran


def routine_loop(stop: threading.Event) -> None:
    while True:
        try:
            run_due_routines()
        except Exception:  # the database may be away for a moment; try again at the next tick
            log.exception("checking routines failed")
        finally:
            close_old_connections()
        if stop.wait(CHECK_SECONDS):
            return
