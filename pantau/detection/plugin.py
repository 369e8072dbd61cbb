"""What detection adds to the other apps, through the seams of pantau.core.seams.

High-severity alerts, label and severity columns of the posts export, the
labels of the inventory report, and the classification queued after imports.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pantau.core.attention import Attention
from pantau.core.seams import seams
from pantau.dashboards.alerts import high_severity_match
from pantau.inventory.models import Account
from pantau.jobs.runner import start_job_once

from . import api, demo, jobs, selfcheck
from .access import may_review
from .models import Classification
from .queue import waiting_count
from .taxonomy import label_name

HIGH_SEVERITY = 3
# The export's headers are Indonesian whatever the language of the job that writes it.
SEVERITY_ID = {0: "tidak ada", 1: "rendah", 2: "sedang", 3: "tinggi"}


@seams.alert_rules.add
def high_severity_posts(posts):
    """Posts classified with high severity, for the watch lists that asked for them."""
    found = {
        c.post_id: c
        for c in Classification.objects.filter(post__in=[p.pk for p in posts], severity__gte=HIGH_SEVERITY).only(
            "post_id", "flagged", "severity"
        )
    }
    for post in posts:
        if post.pk in found:
            yield post, high_severity_match(_severe_reason(found[post.pk].flagged), {"severity": HIGH_SEVERITY})


def _severe_reason(flagged) -> str:
    # Stored in a notification, so in the office's language, not that of whoever's request ran the check.
    with translation.override(settings.LANGUAGE_CODE):
        labels = ", ".join(label_name(label) for label in flagged if label != "positif")
        return _("high severity: %(labels)s") % {"labels": labels}


@seams.post_export_columns("label")
def labels_column(post_ids):
    rows = Classification.objects.filter(post_id__in=post_ids).values_list("post_id", "flagged")
    with translation.override(settings.LANGUAGE_CODE):  # the file is read by the office, like its other columns
        return {pk: ", ".join(label_name(label) for label in flagged) for pk, flagged in rows}


@seams.post_export_columns("tingkat keparahan")
def severity_column(post_ids):
    rows = Classification.objects.filter(post_id__in=post_ids).values_list("post_id", "severity")
    return {pk: SEVERITY_ID.get(severity, str(severity)) for pk, severity in rows}


@seams.document_labels.add
def labels_of(obj) -> list[str]:
    """The labels flagged on an account's (or a group's) classified posts, most frequent first."""
    field = "post__author" if isinstance(obj, Account) else "post__group"
    counts: dict[str, int] = {}
    for flagged in Classification.objects.filter(severity__gt=0, **{field: obj}).values_list("flagged", flat=True):
        for label in flagged:
            if label != "positif":
                counts[label] = counts.get(label, 0) + 1
    return sorted(counts, key=lambda label: (-counts[label], label))


@seams.posts_imported.add
def classify_new_posts(post_ids):
    # The job classifies every post without a current classification, so one
    # queued run covers all batches of an import (and catches up after a crash).
    start_job_once("detection.classify", "Classify new posts")


seams.jobs.add(
    jobs.classify,
    "detection.classify",
    name=gettext_lazy("Classify posts"),
    title=jobs.classify_title,
    summary=jobs.classify_summary,
)
seams.jobs.add(
    jobs.retrain, "detection.retrain", name=gettext_lazy("Retrain the detection model"), summary=jobs.retrain_summary
)


seams.menu.add("detection:queue", gettext_lazy("Review queue"), order=60)
seams.menu.add("detection:factchecks", gettext_lazy("Fact-checks"), order=80)


@seams.attention.add
def waiting_work(user):
    if not may_review(user):
        return []
    return [Attention(_("Flagged posts waiting for review"), waiting_count(), reverse("detection:queue"))]


for name, check in selfcheck.CHECKS:
    seams.selfchecks.add(check, name)

seams.demo_data.add(demo.load)

seams.api_routes.add(api.routes)
seams.api_urls.add(api.urlpatterns)
