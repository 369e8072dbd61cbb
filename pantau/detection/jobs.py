"""Background work of detection: classifying posts, retraining the model.

Intake's hook queues `detection.classify` after each import batch (or
`services.start_classification()` does); the handler classifies every post
without a current classification, so running it twice does no harm. More
posts waiting than PANTAU_CLASSIFY_PART_POSTS are cut into id ranges, each a
job of its own, so that every worker takes a part. Each part, when done,
tells the other apps (`seams.posts_classified`), e.g. dashboards checks its
high-severity alerts then, once the labels exist.
"""

from django.conf import settings

from pantau.jobs.models import Job, Status
from pantau.jobs.registry import job_handler
from pantau.jobs.runner import start_job

from . import seams, services


@job_handler("detection.classify")
def classify(job, progress):
    part = job.params.get("part")
    if part:
        return services.classify_new_posts(progress, seams.posts_classified, part=(part[0], part[1]))
    parts = services.classification_parts(settings.PANTAU_CLASSIFY_PART_POSTS, taken=_parts_in_hand())
    if len(parts) <= 1:
        return services.classify_new_posts(progress=progress, on_classified=seams.posts_classified)
    for number, (first, last) in enumerate(parts, 1):
        title = f"Classify new posts (part {number} of {len(parts)})"
        start_job("detection.classify", title, {"part": [first, last]}, user=job.created_by)
    progress(len(parts), len(parts), f"{len(parts)} parts queued")
    return {"parts": len(parts), "first_post": parts[0][0], "last_post": parts[-1][1]}


def _parts_in_hand() -> list[tuple[int, int]]:
    """The id ranges of classification parts still queued or running."""
    waiting = Job.objects.filter(kind="detection.classify", status__in=[Status.QUEUED, Status.RUNNING])
    return [tuple(j.params["part"]) for j in waiting if (j.params or {}).get("part")]


@job_handler("detection.retrain")
def retrain(job, progress):
    progress(0, 7, "loading data")
    steps = iter(range(1, 8))

    def report(message):
        progress(next(steps, 6), 7, message)

    old = services.active_metrics()
    model, target = services.train_model(
        services.training_data_path(job.params.get("data")), with_reviews=True, progress=report
    )
    return {
        "version": model.version,
        "location": str(target),
        "old_version": old.get("version"),
        "comparison": services.compare_metrics(old, model.meta),
    }
