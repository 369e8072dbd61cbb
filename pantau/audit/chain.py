"""The audit log's hash chain, built like the evidence chain (pantau/evidence/chain.py).

Entry n's hash covers its own fields and entry n-1's hash; the head row holds
the last seq and hash. Editing a row, deleting one, reordering rows or cutting
off the newest ones each breaks a check in `verify`.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC

from django.db import transaction

from .models import AuditEntry, AuditHead

GENESIS = "0" * 64
HEAD_PK = 1


def _stamp(at) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(entry: AuditEntry, prev_hash: str) -> str:
    body = {
        "seq": entry.seq,
        "at": _stamp(entry.at),
        "actor": entry.actor_name,
        "action": entry.action,
        "target": [entry.target_type, entry.target_id, entry.target_label],
        "details": entry.details,
        "prev": prev_hash,
    }
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def append(entry: AuditEntry) -> AuditEntry:
    """Give `entry` the next seq and its hash, and save it; concurrent writers queue on the head row."""
    # No savepoint of its own: a failed append must fail the caller's whole transaction anyway.
    with transaction.atomic(savepoint=False):
        head = AuditHead.objects.select_for_update().filter(pk=HEAD_PK).first()
        if head is None:  # the first entry ever
            AuditHead.objects.get_or_create(pk=HEAD_PK)
            head = AuditHead.objects.select_for_update().get(pk=HEAD_PK)
        entry.seq = head.seq + 1
        entry.prev_hash = head.entry_hash
        entry.entry_hash = entry_hash(entry, entry.prev_hash)
        entry.save()
        head.seq, head.entry_hash = entry.seq, entry.entry_hash
        head.save(update_fields=["seq", "entry_hash"])
    return entry


@dataclass
class Problem:
    seq: int
    detail: str

    def __str__(self):
        return f"audit entry {self.seq}: {self.detail}"


def verify(progress=None) -> list[Problem]:
    """Every problem with the chain, oldest first; an empty list means it is intact."""
    problems = []
    prev, expected = GENESIS, 1
    entries = AuditEntry.objects.order_by("seq")
    total = entries.count()
    for done, entry in enumerate(entries.iterator(chunk_size=2000), start=1):
        if entry.seq != expected:
            problems.append(Problem(entry.seq, f"entries {expected}..{entry.seq - 1} are missing"))
        elif entry.prev_hash != prev:
            problems.append(Problem(entry.seq, "does not follow the entry before it"))
        if entry_hash(entry, entry.prev_hash) != entry.entry_hash:
            problems.append(Problem(entry.seq, "was altered after it was written"))
        prev, expected = entry.entry_hash, entry.seq + 1
        if progress:
            progress(done, total)
    head = AuditHead.objects.filter(pk=HEAD_PK).first()
    head_seq, head_hash = (head.seq, head.entry_hash) if head else (0, GENESIS)
    if head_seq != expected - 1 or head_hash != prev:
        problems.append(Problem(head_seq, f"the log ends at entry {expected - 1} but was written up to {head_seq}"))
    return problems
