"""Adding evidence: the one way every domain (capture, import, public reports) keeps a file."""

import filetype
from django.db import transaction
from django.utils import timezone

from pantau.audit.log import record

from . import chain
from .models import EvidenceItem
from .storage import evidence_storage, iter_chunks


def sniff_mime(head: bytes) -> str:
    """The file's type from its content, never from its name."""
    kind = filetype.guess(head)
    if kind:
        return kind.mime
    if head.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "text/html"
    try:
        head.decode("utf-8")
        return "text/plain"
    except UnicodeDecodeError:
        return "application/octet-stream"


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
    return item
