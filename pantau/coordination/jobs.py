from django.utils.translation import gettext_lazy as _

from .services import params_from, run_coordination

STATS = {
    "posts": _("Posts compared"),
    "compared_with": _("Earlier posts in the window"),
    "pairs": _("Coordinated pairs found"),
    "clusters": _("Clusters"),
    "edges": _("Links between accounts"),
}


def run_summary(result):
    return [(label, result[key]) for key, label in STATS.items() if key in result]


def run(job, progress):
    """Params: the engine parameters (window, similarity, min_weight, ...) and `full`."""
    params = dict(job.params or {})
    full = bool(params.pop("full", False))
    result = run_coordination(params_from(params), user=job.created_by, full=full, progress=progress)
    return {"run": result.pk, **result.stats}
