"""What detection adds to other apps' registries: trend series, alerts, export columns, report labels.

Imported from DetectionConfig.ready(); each function uses the registering
app's own API (see pantau/dashboards/panels.py, alerts.py, exports.py and
pantau/documents/registry.py).
"""

from datetime import datetime, time, timedelta

from django.db.models import Count

from pantau.dashboards.alerts import post_alert_rule
from pantau.dashboards.exports import POST_COLUMNS
from pantau.dashboards.panels import local_day, per_day_series
from pantau.documents.registry import LABEL_PROVIDERS
from pantau.inventory.models import Account
from pantau.lib import clock

from .models import Classification
from .taxonomy import LABELS, label_name

HIGH_SEVERITY = 3
# The export's headers are Indonesian whatever the language of the job that writes it.
SEVERITY_ID = {0: "tidak ada", 1: "rendah", 2: "sedang", 3: "tinggi"}
TREND_LABELS = [key for key in LABELS if key != "positif"]


@per_day_series
def posts_per_label(first, last) -> dict:
    """Posts per local day for each flagged label (violations only), so the trend shows what rose when.

    One grouped query by (day, flagged list): the distinct combinations are few,
    so splitting the lists into labels happens in Python.
    """
    tz = clock.office_tz()
    start = datetime.combine(first, time.min, tzinfo=tz)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz)
    rows = (
        Classification.objects.filter(severity__gt=0, post__posted_at__gte=start, post__posted_at__lt=end)
        .annotate(day=local_day("post__posted_at"))
        .values_list("day", "flagged")
        .annotate(n=Count("pk"))
        .values_list("day", "flagged", "n")
    )
    counts: dict[str, dict] = {}
    for day, flagged, n in rows:
        for label in flagged or []:
            if label in TREND_LABELS and day:
                per_day = counts.setdefault(label, {})
                per_day[day] = per_day.get(day, 0) + n
    return {label_name(label): counts[label] for label in TREND_LABELS if label in counts}


@post_alert_rule
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
            labels = ", ".join(label for label in found[post.pk].flagged if label != "positif")
            yield post, f"keparahan tinggi: {labels}"


def _labels_column(post_ids):
    rows = Classification.objects.filter(post_id__in=post_ids).values_list("post_id", "flagged")
    return {pk: ", ".join(flagged) for pk, flagged in rows}


def _severity_column(post_ids):
    rows = Classification.objects.filter(post_id__in=post_ids).values_list("post_id", "severity")
    return {pk: SEVERITY_ID.get(severity, str(severity)) for pk, severity in rows}


POST_COLUMNS.extend([("label", _labels_column), ("tingkat keparahan", _severity_column)])


def labels_of(obj) -> list[str]:
    """The labels flagged on an account's (or a group's) classified posts, most frequent first."""
    field = "post__author" if isinstance(obj, Account) else "post__group"
    counts: dict[str, int] = {}
    for flagged in Classification.objects.filter(severity__gt=0, **{field: obj}).values_list("flagged", flat=True):
        for label in flagged:
            if label != "positif":
                counts[label] = counts.get(label, 0) + 1
    return sorted(counts, key=lambda label: (-counts[label], label))


LABEL_PROVIDERS.append(labels_of)
