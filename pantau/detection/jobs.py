"""Background work of detection: classifying posts, retraining the model.

Intake starts `start_job("detection.classify", ...)` after each import (or
calls `services.start_classification()`); the handler classifies every post
without a current classification, so running it twice does no harm. When it
is done it tells the other apps (`seams.posts_classified`), e.g. dashboards
checks its high-severity alerts then, once the labels exist.
"""

from pantau.jobs.registry import job_handler

from . import seams, services


@job_handler("detection.classify")
def classify(job, progress):
    return services.classify_new_posts(progress=progress, on_classified=seams.posts_classified)


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
