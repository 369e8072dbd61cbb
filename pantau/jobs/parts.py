"""Splitting one big job into parts that several workers take at once: the one owner of that.

A job cut into parts queues each part as a job of its own (same kind, its
own params) and, when something must run once every part has ended, a
follow-up that the jobs layer releases after the last part ends
(`runner.start_after_parts`). Each part must be idempotent and resumable,
like every job (the `jobs` seam): a part killed half-way runs again.
"""

from collections.abc import Callable, Sequence

from django.db import transaction

from .models import Job
from .runner import release_when_parts_ended, start_after_parts, start_job


def id_ranges(ids: Sequence[int], size: int) -> list[tuple[int, int]]:
    """Sorted ids cut into (first, last) ranges of at most `size` ids each."""
    return [(ids[start], ids[min(start + size, len(ids)) - 1]) for start in range(0, len(ids), size)]


def start_parts(
    kind: str,
    parts: Sequence[dict],
    title: Callable[[dict], str],
    follow_up: dict | None = None,
    user=None,
) -> Job | None:
    """Queue one `kind` job per params of `parts` (numbered: `number`, `of`), then, with `follow_up`,
    the job of those params that runs once every part has ended; returns that follow-up.

    One transaction: no part may end (and release the follow-up) before its siblings exist.
    """
    with transaction.atomic():
        then = start_after_parts(kind, title(follow_up), follow_up, user=user) if follow_up is not None else None
        for number, part in enumerate(parts, 1):
            params = {**part, "number": number, "of": len(parts)}
            if then is not None:
                params["then"] = then.pk
            start_job(kind, title(params), params, user=user)
    if then is not None and not parts:  # nothing to wait for: the follow-up runs at once
        release_when_parts_ended(then.pk)
    return then
