"""Adding evidence: the one way every domain (capture, import, public reports) keeps a file."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from pantau.audit.log import record

from . import chain, fingerprints
from .filecheck import IMAGE_TYPES, sniff_mime
from .models import EvidenceItem
from .storage import evidence_storage, iter_chunks


@dataclass(frozen=True)
class KeptBytes:
    """Bytes already in the evidence store, waiting for their item row."""

    sha256: str
    size: int
    mime_type: str


def keep_bytes(fileobj) -> KeptBytes:
    """Hash and store the bytes of `fileobj`. Call it before a write transaction: the store is
    content-addressed, so bytes kept for a transaction that rolls back are reused by the next copy."""
    fileobj.seek(0)
    head = fileobj.read(8192)
    fileobj.seek(0)
    sha256, size = evidence_storage().put(iter_chunks(fileobj))
    return KeptBytes(sha256, size, sniff_mime(head))


def add_evidence(
    fileobj=None,
    *,
    original_name="",
    user=None,
    source_url="",
    captured_from="",
    note="",
    kept: KeptBytes | None = None,
    images_later=False,
) -> EvidenceItem:
    """Store the bytes of `fileobj` (or take those `kept` already) and log them in the chain; the same
    bytes twice are one item. With `images_later`, an image's fingerprint and preview are made by a job
    once the caller's transaction commits (the public form answers before they exist)."""
    kept = kept or keep_bytes(fileobj)
    with transaction.atomic(savepoint=False):  # the item, its chain entry and audit record: all or none
        # In turn before the item too: two reports of the same bytes at once would otherwise each hold
        # what the other waits for (the item's unique hash, the chain's turn).
        chain.take_turn()
        item, created = EvidenceItem.objects.get_or_create(
            sha256=kept.sha256,
            defaults={
                "size": kept.size,
                "mime_type": kept.mime_type,
                "original_name": original_name[:255],
                "source_url": source_url,
                "captured_at": timezone.now(),
                "captured_by": user,
                "captured_from": captured_from[:255],
                "note": note,
            },
        )
        if created:
            chain.append(item)
            record(user, "evidence.added", item, sha256=kept.sha256, size=kept.size, mime_type=item.mime_type)
            if images_later and item.mime_type in IMAGE_TYPES:
                from .jobs import start_image_work

                start_image_work([item.pk])
    if created and not images_later:
        fingerprints.fingerprint_item(item)  # links it to the same image seen before
    return item
