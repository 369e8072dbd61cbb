"""Coordination as background work, cut into parts so that several workers share one big run.

A run with more posts waiting than PANTAU_COORDINATION_PART_POSTS goes in
three stages, each part a job of its own: the posts' signatures by post id
range; then the pairs by time range (each range compared with the window
around it, pairs stored once however many ranges find them); then one job
rebuilds the clusters from every stored pair. A stage's follow-up is released
by the jobs layer when the last of its parts has ended (pantau.jobs.parts).
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pantau.jobs.models import Job, Status
from pantau.jobs.parts import id_ranges, start_parts

from . import services

KIND = "coordination.run"
STAGED = ("sign", "pairs_split", "pairs")
STATS = {
    "posts": gettext_lazy("Posts compared"),
    "compared_with": gettext_lazy("Earlier posts in the window"),
    "pairs": gettext_lazy("Coordinated pairs found"),
    "clusters": gettext_lazy("Clusters"),
    "edges": gettext_lazy("Links between accounts"),
    "signed": gettext_lazy("Posts indexed"),
    "parts": gettext_lazy("Parts queued"),
}


def run_title(params):
    stage = params.get("stage")
    if stage == "sign":
        return _("Coordination: index posts (part %(number)s of %(of)s)") % params
    if stage == "pairs":
        return _("Coordination: find pairs (part %(number)s of %(of)s)") % params
    if stage == "pairs_split":
        return _("Coordination: cut the pair search into parts")
    if stage == "clusters":
        return _("Coordination: build the clusters")
    return _("Coordination analysis")


def run_summary(result):
    return [(label, result[key]) for key, label in STATS.items() if key in result]


def run(job, progress):
    """Params: the engine parameters (window, similarity, min_weight, ...) and `full`; parts add `stage`."""
    params = dict(job.params or {})
    stage = params.pop("stage", "")
    engine_params = services.params_from(params)
    if stage == "sign":
        first, last = params["part"]
        return {"signed": services.sign_posts_between(first, last, progress=progress)}
    if stage == "pairs_split":
        return _queue_pairs(job, params, engine_params, progress)
    if stage == "pairs":
        start, end = params["range"]
        return services.pairs_between(start, end, engine_params, progress=progress)
    if stage == "clusters":
        return _clusters(job, engine_params)
    waiting, _cleared = services.waiting_posts(bool(params.pop("full", False)), engine_params)
    ids = list(waiting.filter(pk__gt=_taken_up_to()).order_by("pk").values_list("pk", flat=True))
    size = settings.PANTAU_COORDINATION_PART_POSTS
    if len(ids) <= size:
        result = services.update_coordination(ids, engine_params, progress)
        built = services.rebuild_clusters(engine_params, job.created_by, result)
        return {"run": built.pk, **built.stats}
    return _queue_signatures(job, ids, engine_params, size, progress)


def _engine_dict(engine_params) -> dict:
    return engine_params.as_dict() | {"min_weight": engine_params.min_weight}


def _queue_signatures(job, ids, engine_params, size, progress) -> dict:
    parts = id_ranges(ids, size)
    common = _engine_dict(engine_params) | {"first": ids[0], "upto": ids[-1]}
    signing = [common | {"stage": "sign", "part": list(part)} for part in parts]
    start_parts(KIND, signing, run_title, follow_up=common | {"stage": "pairs_split"}, user=job.created_by)
    progress(len(parts), len(parts), f"{len(parts)} parts queued")
    return {"parts": len(parts)}


def _queue_pairs(job, params, engine_params, progress) -> dict:
    ranges = services.time_ranges(settings.PANTAU_COORDINATION_PART_POSTS, params["first"], params["upto"])
    common = _engine_dict(engine_params) | {"upto": params["upto"]}
    pairing = [common | {"stage": "pairs", "range": list(span)} for span in ranges]
    # With nothing indexed after all, start_parts releases the clusters at once.
    start_parts(KIND, pairing, run_title, follow_up=common | {"stage": "clusters"}, user=job.created_by)
    progress(len(ranges), len(ranges), f"{len(ranges)} parts queued")
    return {"parts": len(ranges)}


def _clusters(job, engine_params) -> dict:
    totals = {"posts": 0, "compared_with": 0, "pairs": 0}
    for result in Job.objects.filter(params__then=job.pk, status=Status.DONE).values_list("result", flat=True):
        for key in totals:
            totals[key] += int((result or {}).get(key, 0))
    built = services.rebuild_clusters(engine_params, job.created_by, totals)
    return {"run": built.pk, **built.stats}


def _taken_up_to() -> int:
    """The highest post id a staged run still at work has taken on (0 when none is)."""
    open_runs = Job.objects.filter(kind=KIND, status__in=[Status.QUEUED, Status.RUNNING])
    return max([(j.params or {}).get("upto", 0) for j in open_runs if (j.params or {}).get("stage")] or [0])
