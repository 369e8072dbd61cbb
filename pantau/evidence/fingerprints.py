"""Finding the same screenshot again: perceptual fingerprints of evidence images.

A fingerprint is 128 bits, ImageHash's pHash (DCT) followed by its dHash
(gradients) of the image with a uniform frame trimmed off (a screenshot of a
screenshot adds one). Both survive resizing and recompression; together they
separate light crops from different screenshots of the same app, whose
layouts look alike to either hash alone. Two images are the same picture when
their fingerprints differ in at most PANTAU_IMAGE_MATCH_DISTANCE bits.
"""

import logging

import imagehash
import numpy as np
from django.conf import settings
from PIL import ImageChops

from .filecheck import IMAGE_TYPES
from .imaging import UNREADABLE, ImageTooLarge, clean_copy, open_image
from .models import EvidenceItem, ImageFingerprint, ImageMatch
from .storage import evidence_storage

log = logging.getLogger(__name__)
WORKING_SIDE = 512  # both hashes shrink to 32 px or less; more detail only costs memory
FRAME_TOLERANCE = 40


def fingerprint_of(image) -> str:
    """The 128-bit fingerprint of a Pillow image, as 32 hex digits."""
    picture = _without_frame(clean_copy(image, WORKING_SIDE).convert("RGB"))
    return f"{imagehash.phash(picture)}{imagehash.dhash(picture)}"


def _without_frame(image):
    """The image inside a uniform border, when all four corners share one colour."""
    grey = image.convert("L")
    width, height = grey.size
    corners = sorted(grey.getpixel(p) for p in ((0, 0), (width - 1, 0), (0, height - 1), (width - 1, height - 1)))
    if corners[-1] - corners[0] > FRAME_TOLERANCE // 2:
        return image
    background = grey.point(lambda _: corners[1])
    box = ImageChops.difference(grey, background).point(lambda v: 255 if v > FRAME_TOLERANCE else 0).getbbox()
    if not box or (box[2] - box[0]) * (box[3] - box[1]) < width * height // 10:
        return image
    return image.crop(box)


def distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def fingerprint_item(item) -> ImageFingerprint | None:
    """Fingerprints an image item (once) and links it to the known images it matches; None for other files."""
    if item.mime_type not in IMAGE_TYPES:
        return None
    existing = ImageFingerprint.objects.filter(item=item).first()
    if existing:
        return existing
    try:
        with evidence_storage().open(item.sha256) as handle, open_image(handle, reduce_to=WORKING_SIDE) as image:
            bits = fingerprint_of(image)
    except (ImageTooLarge, *UNREADABLE) as exc:
        log.warning("evidence %s: no fingerprint (%s)", item.sha256[:12], exc)
        return None
    fingerprint, created = ImageFingerprint.objects.get_or_create(item=item, defaults={"bits": bits})
    if created:
        link_matches(fingerprint)
    return fingerprint


def link_matches(fingerprint) -> int:
    """Stores a match both ways round with every other fingerprint near enough; returns how many."""
    others = list(ImageFingerprint.objects.exclude(item_id=fingerprint.item_id).values_list("item_id", "bits"))
    if not others:
        return 0
    ids = np.array([item_id for item_id, _ in others])
    found = _distances(fingerprint.bits, [bits for _, bits in others])
    near = np.flatnonzero(found <= settings.PANTAU_IMAGE_MATCH_DISTANCE)
    rows = []
    for index in near:
        other, d = int(ids[index]), int(found[index])
        rows.append(ImageMatch(item_id=fingerprint.item_id, similar_id=other, distance=d))
        rows.append(ImageMatch(item_id=other, similar_id=fingerprint.item_id, distance=d))
    ImageMatch.objects.bulk_create(rows, ignore_conflicts=True)
    return len(near)


def _distances(bits: str, others: list[str]) -> np.ndarray:
    """Hamming distances from one fingerprint to many, vectorised over the two 64-bit halves."""
    halves = np.array([[int(b[:16], 16), int(b[16:], 16)] for b in others], dtype=np.uint64)
    mine = np.array([int(bits[:16], 16), int(bits[16:], 16)], dtype=np.uint64)
    return np.bitwise_count(halves ^ mine).sum(axis=1)


def backfill(progress=None) -> int:
    """Fingerprints every image item that has none yet (items from before fingerprints, or whose run failed)."""
    done = 0
    missing = EvidenceItem.objects.filter(mime_type__in=IMAGE_TYPES, fingerprint__isnull=True).order_by("pk")
    for item in missing.iterator():
        if fingerprint_item(item) is not None:
            done += 1
        if progress:
            progress(done)
    return done
