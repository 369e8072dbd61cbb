"""Adding evidence: the one way every domain (capture, import, public reports) keeps a file."""

from django.db import transaction
from django.utils import timezone

from pantau.audit.log import record

from . import chain, fingerprints
from .filecheck import sniff_mime
from .models import EvidenceItem
from .storage import evidence_storage, iter_chunks


def add_evidence(fileobj, *, original_name="", user=None, source_url="", captured_from="", note="") -> EvidenceItem:
    """Store the bytes of `fileobj` and log them in the chain; the same bytes twice are one item."""
    head = fileobj.read(8192)
    fileobj.seek(0)
    sha256, size = evidence_storage().put(iter_chunks(fileobj))
    with transaction.atomic():
        item, created = EvidenceItem.objects.get_or_create(
            sha256=sha256,
            defaults={
                "size": size,
                "mime_type": sniff_mime(head),
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
            record(user, "evidence.added", item, sha256=sha256, size=size, mime_type=item.mime_type)
    if created:
        fingerprints.fingerprint_item(item)  # links it to the same image seen before
    return item
