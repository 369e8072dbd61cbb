"""Where the same image was seen before, as the viewer may see it.

A match names the posts, reports and cases that carry the similar image, each
fetched through that object's own access helper: an image known only from a
public report is invisible to IT and pokja members, who may not open reports'
files, and a case shows only to those who see the case.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import ImageMatch


@dataclass
class Place:
    label: str
    url: str


@dataclass
class Similar:
    distance: int
    places: list = field(default_factory=list)


def similar_for(user, items) -> dict[int, list[Similar]]:
    """{evidence item id: the similar images the user may reach, nearest first}."""
    from pantau.cases.access import cases_for
    from pantau.cases.models import CaseAttachment
    from pantau.intake.access import posts_for
    from pantau.intake.models import PostEvidence
    from pantau.reports.access import attachments_for

    items = list(items)

    matches = list(ImageMatch.objects.filter(item__in=[i.pk for i in items]).order_by("distance", "pk"))
    similar_ids = {m.similar_id for m in matches}
    places: dict[int, list[Place]] = {}
    for link in PostEvidence.objects.filter(item__in=similar_ids, post__in=posts_for(user)).select_related("post"):
        places.setdefault(link.item_id, []).append(
            Place(_("Post #%(pk)s") % {"pk": link.post_id}, reverse("intake:detail", args=[link.post_id]))
        )
    for attachment in attachments_for(user).filter(evidence__in=similar_ids).select_related("report"):
        url = reverse("reports:staff_detail", args=[attachment.report_id])
        places.setdefault(attachment.evidence_id, []).append(Place(attachment.report.code, url))
        for case in cases_for(user).filter(report=attachment.report_id):
            places[attachment.evidence_id].append(Place(case.reference, reverse("cases:detail", args=[case.pk])))
    for filed in CaseAttachment.objects.filter(evidence__in=similar_ids, case__in=cases_for(user)).select_related(
        "case"
    ):
        places.setdefault(filed.evidence_id, []).append(
            Place(filed.case.reference, reverse("cases:detail", args=[filed.case_id]))
        )
    found: dict[int, list[Similar]] = {}
    for match in matches:
        if match.similar_id in places:
            found.setdefault(match.item_id, []).append(Similar(match.distance, _unique(places[match.similar_id])))
    return found


def annotate(user, links, item_attr: str):
    """Sets `.similar` on each link (a post's, report's or case's evidence link) and returns them."""
    links = list(links)
    found = similar_for(user, [getattr(link, item_attr) for link in links])
    for link in links:
        link.similar = found.get(getattr(link, item_attr).pk, [])
    return links


def _unique(places):
    seen, kept = set(), []
    for place in places:
        if place.url not in seen:
            seen.add(place.url)
            kept.append(place)
    return kept
