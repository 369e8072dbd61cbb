"""Background work of detection: classifying posts, retraining the model.

Intake starts `start_job("detection.classify", ...)` after each import (or
calls `services.start_classification()`); the handler classifies every post
without a current classification, so running it twice does no harm. When it
is done it tells the other apps (`seams.posts_classified`), e.g. dashboards
checks its high-severity alerts then, once the labels exist.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pantau.jobs.registry import job_handler

from . import seams, services
from .taxonomy import label_name


def classify_summary(result):
    return [
        (gettext_lazy("Posts classified"), result["classified"]),
        (gettext_lazy("Posts flagged"), result["flagged"]),
        (gettext_lazy("Model version"), result["model_version"]),
    ]


def _change(old, new) -> str:
    def shown(value):
        return "—" if value is None else f"{value:.2f}"

    return f"{shown(old)} → {shown(new)}"


def retrain_summary(result):
    rows = [
        (gettext_lazy("New model version"), result["version"]),
        (gettext_lazy("Previous model version"), result.get("old_version") or "—"),
    ]
    for row in result.get("comparison", []):
        text = _("precision %(precision)s, recall %(recall)s, macro F1 %(f1)s") % {
            "precision": _change(row["old_precision"], row["new_precision"]),
            "recall": _change(row["old_recall"], row["new_recall"]),
            "f1": _change(row["old_macro_f1"], row["new_macro_f1"]),
        }
        rows.append((label_name(row["label"]), text))
    return rows


def _training_step(message: str) -> str:
    """The training's own progress lines (training.py is Django-free, so English) as the office reads them."""
    fold = re.fullmatch(r"cross-validation fold (\d+)/(\d+)", message)
    if fold:
        return _("cross-validation, part %(k)s of %(n)s") % {"k": fold[1], "n": fold[2]}
    return _("fitting the final model") if message == "final fit" else message


@job_handler("detection.classify", name=gettext_lazy("Classify posts"), summary=classify_summary)
def classify(job, progress):
    return services.classify_new_posts(progress=progress, on_classified=seams.posts_classified)


@job_handler("detection.retrain", name=gettext_lazy("Retrain the detection model"), summary=retrain_summary)
def retrain(job, progress):
    progress(0, 7, _("loading the training data"))
    steps = iter(range(1, 8))

    def report(message):
        progress(next(steps, 6), 7, _training_step(message))

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
