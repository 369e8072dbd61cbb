"""What the evidence app adds to the shared seams (pantau.core.seams).

Evidence in the inventory report, and the chain's head on every document.
Evidence is tied to posts through
`intake.PostEvidence`; an account's evidence is that of the posts it wrote,
a group's that of the posts in it.
"""

from django.utils.translation import gettext_lazy

from pantau.core.seams import seams

from . import jobs, selfcheck

# Images are drawn in the report for the newest few items per account or group.
THUMBNAILS_PER_OBJECT = 3


@seams.document_evidence.add
def evidence_of(obj) -> list[dict]:
    """[{sha256, thumbnail (clean PNG bytes for images, else None), captured_at}], newest first."""
    from pantau.inventory.models import Account

    from .models import EvidenceItem
    from .previews import preview_bytes

    field = "post_links__post__author" if isinstance(obj, Account) else "post_links__post__group"
    items = EvidenceItem.objects.filter(**{field: obj}).distinct().order_by("-captured_at", "pk")
    rows: list[dict] = []
    for item in items:
        thumbnail = None
        shown = sum(1 for row in rows if row["thumbnail"])
        if item.mime_type.startswith("image/") and shown < THUMBNAILS_PER_OBJECT:
            thumbnail = preview_bytes(item)
        rows.append({"sha256": item.sha256, "thumbnail": thumbnail, "captured_at": item.captured_at})
    return rows


@seams.document_footer.add
def chain_head_line() -> str:
    """'Rantai bukti: 1234 entri, kepala 3f9a1c2b4d5e6f70…', checked by `pantau evidence verify --head`."""
    from .chain import current_head

    return current_head().printed()


for name, check in selfcheck.CHECKS:
    seams.selfchecks.add(check, name)


seams.jobs.add(
    jobs.images, jobs.KIND, name=gettext_lazy("Fingerprint and preview evidence images"), summary=jobs.images_summary
)
