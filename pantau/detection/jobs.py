"""Background work of detection: classifying posts, retraining the model.

Detection's `posts_imported` receiver (plugin.py) queues `detection.classify`
after each import batch (or `services.start_classification()` does); the
handler classifies every post
without a current classification, so running it twice does no harm. More
posts waiting than PANTAU_CLASSIFY_PART_POSTS are cut into id ranges, each a
job of its own, so that every worker takes a part. Each part, when done,
tells the other apps (the `posts_classified` seam), e.g. dashboards checks its
high-severity alerts then, once the labels exist. The authors' and groups' risk
scores are worked out once, by a follow-up job after the last part: an author
posts in most parts, so each part recomputing its own authors redid nearly
all of them.
"""

import re

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pantau.core.seams import seams
from pantau.jobs.models import Job, Status
from pantau.jobs.parts import start_parts

from . import comparison, services
from .taxonomy import label_name


def classify_title(params):
    if params.get("risk"):
        return _("Risk scores of the classified posts' accounts and groups")
    if params.get("part"):
        return _("Classify posts (part %(number)s of %(of)s)") % {"number": params["number"], "of": params["of"]}
    return _("Classify posts")


def classify_summary(result):
    if "parts" in result:  # a big classification, cut into parts that are jobs of their own
        return [(gettext_lazy("Parts queued"), result["parts"])]
    if "risk_changed" in result:
        return [(gettext_lazy("Risk scores changed"), result["risk_changed"])]
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
    rows: list[tuple[str | Promise, object]] = [
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
    if "offered" in result:
        verdict = [comparison.describe(r) for r in result["reasons"]] or [_("offered for activation")]
        rows.append((gettext_lazy("Against the active model"), "; ".join(verdict)))
    return rows


def _training_step(message: str) -> str:
    """The training's own progress lines (training.py is Django-free, so English) as the office reads them."""
    fold = re.fullmatch(r"cross-validation fold (\d+)/(\d+)", message)
    if fold:
        return _("cross-validation, part %(k)s of %(n)s") % {"k": fold[1], "n": fold[2]}
    return _("fitting the final model") if message == "final fit" else message


def classify(job, progress):
    part, risk = job.params.get("part"), job.params.get("risk")
    if risk:
        return {"risk_changed": services.recompute_risk_of_posts(risk[0], risk[1])}
    if part:
        notify = seams.posts_classified.notify
        return services.classify_new_posts(progress, notify, part=(part[0], part[1]), with_risk=False)
    parts = services.classification_parts(settings.PANTAU_CLASSIFY_PART_POSTS, taken=_parts_in_hand())
    if len(parts) <= 1:
        return services.classify_new_posts(progress=progress, on_classified=seams.posts_classified.notify)
    then = {"risk": [parts[0][0], parts[-1][1]]}
    start_parts(
        "detection.classify", [{"part": list(p)} for p in parts], classify_title, follow_up=then, user=job.created_by
    )
    progress(len(parts), len(parts), f"{len(parts)} parts queued")
    return {"parts": len(parts), "first_post": parts[0][0], "last_post": parts[-1][1]}


def _parts_in_hand() -> list[tuple[int, int]]:
    """The id ranges of classification parts still queued or running."""
    waiting = Job.objects.filter(kind="detection.classify", status__in=[Status.QUEUED, Status.RUNNING])
    return [tuple(j.params["part"]) for j in waiting if (j.params or {}).get("part")]


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
        "offered": model.meta["comparison"]["offered"],
        "reasons": model.meta["comparison"]["reasons"],
    }
