"""The append-only, hash-chained evidence log, and its verification.

Entry n's hash covers its sequence number, its payload (item hash, size,
who, when, from where) and entry n-1's hash, so changing, removing or
reordering any entry breaks every hash after it.
"""

import hashlib
import json
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import ChainEntry, EvidenceItem
from .storage import evidence_storage

GENESIS = "0" * 64


def entry_hash(seq: int, payload: dict, prev_hash: str) -> str:
    body = json.dumps({"seq": seq, "payload": payload, "prev": prev_hash}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append(item: EvidenceItem, action: str = "added", extra: dict | None = None) -> ChainEntry:
    with transaction.atomic():
        last = ChainEntry.objects.select_for_update().order_by("-seq").first()
        seq = (last.seq + 1) if last else 1
        prev = last.entry_hash if last else GENESIS
        now = timezone.now()
        payload = {
            "sha256": item.sha256,
            "size": item.size,
            "action": action,
            "captured_at": item.captured_at.isoformat(),
            "captured_by": item.captured_by.username if item.captured_by else None,
            "captured_from": item.captured_from,
            "recorded_at": now.isoformat(),
            **(extra or {}),
        }
        return ChainEntry.objects.create(
            seq=seq,
            item=item,
            action=action,
            recorded_at=now,
            payload=payload,
            prev_hash=prev,
            entry_hash=entry_hash(seq, payload, prev),
        )


@dataclass
class Problem:
    kind: str  # modified, missing, chain
    sha256: str
    where: str
    detail: str

    def __str__(self):
        return f"{self.kind}: {self.sha256[:12]} {self.where} ({self.detail})"


def verify(progress=None) -> list[Problem]:
    """Check every entry of the chain and every stored file; returns what is wrong."""
    storage = evidence_storage()
    problems = []
    prev, expected_seq = GENESIS, 1
    entries = ChainEntry.objects.select_related("item").order_by("seq")
    total = entries.count()
    for done, entry in enumerate(entries.iterator(chunk_size=2000), start=1):
        sha = entry.payload.get("sha256", "")
        if entry.seq != expected_seq or entry.prev_hash != prev:
            problems.append(Problem("chain", sha, f"entry {entry.seq}", "entry missing or out of order before it"))
        if entry_hash(entry.seq, entry.payload, entry.prev_hash) != entry.entry_hash or sha != entry.item.sha256:
            problems.append(Problem("chain", sha, f"entry {entry.seq}", "entry was altered"))
        prev, expected_seq = entry.entry_hash, entry.seq + 1
        if progress:
            progress(done, total)
    for item in EvidenceItem.objects.order_by("pk").iterator(chunk_size=500):
        actual = storage.hash_of(item.sha256)
        where = storage.describe(item.sha256)
        if actual is None:
            problems.append(Problem("missing", item.sha256, where, "file not found"))
        elif actual != item.sha256:
            problems.append(Problem("modified", item.sha256, where, f"content now hashes to {actual[:12]}"))
    return problems
