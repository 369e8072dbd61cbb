"""What detection adds to other apps' registries: alerts, export columns, report labels.

Imported from DetectionConfig.ready(); each function uses the registering
app's own API (see pantau/dashboards/panels.py, alerts.py, exports.py and
pantau/documents/registry.py).
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from pantau.dashboards.alerts import high_severity_match, post_alert_rule
from pantau.dashboards.exports import POST_COLUMNS
from pantau.documents.registry import LABEL_PROVIDERS
from pantau.inventory.models import Account

from .models import Classification
from .taxonomy import label_name

HIGH_SEVERITY = 3
# The export's headers are Indonesian whatever the language of the job that writes it.
SEVERITY_ID = {0: "tidak ada", 1: "rendah", 2: "sedang", 3: "tinggi"}


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
            yield post, high_severity_match(_severe_reason(found[post.pk].flagged), {"severity": HIGH_SEVERITY})


def _severe_reason(flagged) -> str:
    # Stored in a notification, so in the office's language, not that of whoever's request ran the check.
    with translation.override(settings.LANGUAGE_CODE):
        labels = ", ".join(label_name(label) for label in flagged if label != "positif")
        return _("high severity: %(labels)s") % {"labels": labels}


def _labels_column(post_ids):
    rows = Classification.objects.filter(post_id__in=post_ids).values_list("post_id", "flagged")
    with translation.override(settings.LANGUAGE_CODE):  # the file is read by the office, like its other columns
        return {pk: ", ".join(label_name(label) for label in flagged) for pk, flagged in rows}


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
