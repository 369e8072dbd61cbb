from pantau.jobs.registry import job_handler

from .services import params_from, run_coordination


@job_handler("coordination.run")
def run(job, progress):
    """Params: the engine parameters (window, similarity, min_weight, ...) and `full`."""
    params = dict(job.params or {})
    full = bool(params.pop("full", False))
    result = run_coordination(params_from(params), user=job.created_by, full=full, progress=progress)
    return {"run": result.pk, **result.stats}
