"""Evidence work that need not keep a citizen waiting: fingerprints and previews of new images.

The item, its chain entry and its SHA-256 are written with the report; the
perceptual fingerprint (which links it to the same screenshot seen before)
and the clean preview follow in this job. Both are made once per item, so the
job may run again after a crash without harm.
"""

from django.utils.translation import gettext_lazy as _

from pantau.jobs.runner import start_job

from .fingerprints import fingerprint_item
from .models import EvidenceItem
from .previews import preview_bytes

KIND = "evidence.images"


def start_image_work(item_ids: list[int]):
    return start_job(KIND, str(_("Fingerprint and preview evidence images")), {"items": list(item_ids)})


def images_summary(result):
    return [(_("Images fingerprinted"), result["fingerprinted"]), (_("Previews made"), result["previews"])]


def images(job, progress):
    items = list(EvidenceItem.objects.filter(pk__in=job.params.get("items", [])).order_by("pk"))
    fingerprinted = previews = 0
    for done, item in enumerate(items, 1):
        fingerprinted += fingerprint_item(item) is not None
        previews += preview_bytes(item) is not None
        progress(done, len(items))
    return {"fingerprinted": fingerprinted, "previews": previews}
