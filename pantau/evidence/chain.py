"""The append-only, hash-chained evidence log, and its verification.

Entry n seals every field of its item that a court could ask about (a
canonical JSON of them, `sealed_fields`) together with its sequence number
and entry n-1's hash. `verify` recomputes each entry from the item's row and
file, checks that items and entries pair one to one, and compares the head
with the copies kept outside the database (anchors.py), which is what shows
a chain cut short or re-hashed after a forged entry.
"""

import hashlib
import json
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from . import anchors
from .anchors import Head
from .models import ChainEntry, EvidenceItem
from .storage import evidence_storage

GENESIS = "0" * 64
# The advisory lock that orders appends on PostgreSQL (take_turn): any constant no other lock uses.
CHAIN_LOCK = 0x70616E7461750001
FORMAT = 2
# The item's fields an entry seals, in the order problems are reported.
SEALED = (
    "sha256",
    "size",
    "mime_type",
    "original_name",
    "source_url",
    "captured_at",
    "captured_by",
    "captured_from",
    "note",
)
# What the first format (before every field was sealed) covered.
SEALED_V1 = ("sha256", "size", "captured_at", "captured_by", "captured_from")


def entry_hash(seq: int, payload: dict, prev_hash: str) -> str:
    body = json.dumps({"seq": seq, "payload": payload, "prev": prev_hash}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def sealed_fields(item: EvidenceItem) -> dict:
    """The item's row as an entry seals it; the capturer by id (a username may be renamed)."""
    return {
        "sha256": item.sha256,
        "size": item.size,
        "mime_type": item.mime_type,
        "original_name": item.original_name,
        "source_url": item.source_url,
        "captured_at": item.captured_at.isoformat(),
        "captured_by": item.captured_by_id,
        "captured_from": item.captured_from,
        "note": item.note,
    }


def v2_payload(item: EvidenceItem, action: str, recorded_at, extra: dict | None = None) -> dict:
    username = item.captured_by.username if item.captured_by is not None else None
    return {
        "v": FORMAT,
        **sealed_fields(item),
        "captured_by_name": username,
        "action": action,
        "recorded_at": recorded_at.isoformat(),
        **(extra or {}),
    }


def current_head() -> Head:
    last = ChainEntry.objects.order_by("-seq").values_list("seq", "entry_hash").first()
    return Head(last[0], last[1], "database") if last else Head(0, GENESIS, "database")


def unsealed_count() -> int:
    """Entries in the first format (a JSON key lookup misses rows without the key, hence the difference)."""
    return ChainEntry.objects.count() - ChainEntry.objects.filter(payload__v=FORMAT).count()


def take_turn() -> None:
    """Wait until no other transaction can append to the chain, until this one ends.

    On PostgreSQL `SELECT ... FOR UPDATE` of the last entry is not enough: once the first appender
    commits, a second one waiting on that row reads it again, not the entry just added, and takes the
    same sequence number. A transaction-scoped advisory lock lets appenders in one at a time. SQLite's
    writers already are (each write transaction begins IMMEDIATE).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])


def append(item: EvidenceItem, action: str = "added", extra: dict | None = None) -> ChainEntry:
    # No savepoint of its own: a failed append must fail the caller's whole transaction anyway.
    with transaction.atomic(savepoint=False):
        take_turn()
        last = ChainEntry.objects.select_for_update().order_by("-seq").first()
        seq = (last.seq + 1) if last else 1
        prev = last.entry_hash if last else GENESIS
        now = timezone.now()
        payload = v2_payload(item, action, now, extra)
        entry = ChainEntry.objects.create(
            seq=seq,
            item=item,
            action=action,
            recorded_at=now,
            payload=payload,
            prev_hash=prev,
            entry_hash=entry_hash(seq, payload, prev),
        )
        # Only a committed entry may move the heads outside the database forward.
        head = Head(seq, entry.entry_hash)
        transaction.on_commit(lambda: anchors.record(head))
    return entry


@dataclass
class Problem:
    kind: str  # modified, missing, changed, chain, unpaired, truncated, rewritten, unsealed
    sha256: str
    where: str
    detail: str
    field: str = ""

    def __str__(self):
        named = f" field {self.field}:" if self.field else ""
        item = " ".join(part for part in (self.sha256[:12], self.where) if part)
        return f"{self.kind}: {item}{named} ({self.detail})"


def _shown(name: str, value) -> str:
    if name == "captured_by" and isinstance(value, int):
        from pantau.people.models import User

        username = User.objects.filter(pk=value).values_list("username", flat=True).first()
        return f"user {value} ({username or 'deleted'})"
    return json.dumps(value, ensure_ascii=False)


def field_problems(entry: ChainEntry, item: EvidenceItem, where: str) -> list[Problem]:
    """Every sealed field whose row value differs from what the entry sealed."""
    payload = entry.payload
    row = sealed_fields(item)
    names: tuple[str, ...]
    if payload.get("v") == FORMAT:
        names = SEALED
    else:
        names = SEALED_V1
        row["captured_by"] = item.captured_by.username if item.captured_by is not None else None
    return [
        Problem(
            "changed",
            payload.get("sha256") or item.sha256,
            where,
            f"the row says {_shown(name, row[name])}, entry {entry.seq} sealed {_shown(name, payload.get(name))}",
            name,
        )
        for name in names
        if payload.get(name) != row[name]
    ]


def _file_problem(storage, item: EvidenceItem, where: str) -> Problem | None:
    actual = storage.hash_of(item.sha256)
    if actual is None:
        return Problem("missing", item.sha256, where, "file not found")
    if actual != item.sha256:
        return Problem("modified", item.sha256, where, f"content now hashes to {actual[:12]}", "content")
    return None


def _anchor_heads(extra_heads) -> tuple[list[Head], list[Problem]]:
    heads, problems = list(extra_heads or ()), []
    for read in (anchors.read_head_file, anchors.read_anchor):
        try:
            head = read()
        except anchors.HeadError as exc:
            problems.append(Problem("anchor", "", "", str(exc)))
            continue
        if head is not None:
            heads.append(head)
    return heads, problems


def _head_problems(heads: list[Head], count: int, hashes: dict[int, tuple[str, str, str]]) -> list[Problem]:
    problems = []
    for head in heads:
        if head.count > count:
            problems.append(
                Problem(
                    "truncated",
                    "",
                    f"entries {count + 1}..{head.count}",
                    f"the {head.source} records {head.count} entries, the chain now has {count}",
                )
            )
            continue
        if head.count == 0:
            continue
        sha, actual, before_reseal = hashes[head.count]
        if not any(known.startswith(head.hash.lower()) for known in (actual, before_reseal)):
            problems.append(
                Problem(
                    "rewritten",
                    sha,
                    f"entry {head.count}",
                    f"the {head.source} recorded hash {head.hash[:16]}, the chain has {actual[:16]}: "
                    "entries up to it were changed and the chain re-hashed",
                )
            )
    return problems


def _orphan_problems(storage, batch: int = 1000) -> list[Problem]:
    """Stored files that no item names: what is left of an item deleted from the database."""
    if not hasattr(storage, "stored_hashes"):
        return []
    problems: list[Problem] = []
    chunk: list[str] = []

    def check():
        known = set(EvidenceItem.objects.filter(sha256__in=chunk).values_list("sha256", flat=True))
        problems.extend(
            Problem("orphan", sha, storage.describe(sha), "a stored file that no item names: was its item deleted?")
            for sha in chunk
            if sha not in known
        )
        chunk.clear()

    for sha in storage.stored_hashes():
        chunk.append(sha)
        if len(chunk) >= batch:
            check()
    if chunk:
        check()
    return problems


def verify(progress=None, heads=()) -> list[Problem]:
    """Check every entry, item and file, and the chain against its heads; returns what is wrong.

    `heads` are extra heads to check (e.g. one printed on a document), beside
    the head file and the anchor log.
    """
    storage = evidence_storage()
    heads, problems = _anchor_heads(heads)
    wanted = {head.count for head in heads}
    hashes: dict[int, tuple[str, str, str]] = {}
    seen: dict[int, int] = {}  # item pk -> seq of its entry
    unsealed = []
    prev, position, expected_seq = GENESIS, 0, 1
    entries = ChainEntry.objects.select_related("item", "item__captured_by").order_by("seq")
    total = entries.count()
    for position, entry in enumerate(entries.iterator(chunk_size=2000), start=1):
        item = entry.item
        where = storage.describe(item.sha256)
        sha = entry.payload.get("sha256") or item.sha256
        if entry.seq != expected_seq or entry.prev_hash != prev:
            problems.append(Problem("chain", sha, f"entry {entry.seq}", "an entry before it is gone or out of order"))
        if entry_hash(entry.seq, entry.payload, entry.prev_hash) != entry.entry_hash:
            problems.append(Problem("chain", sha, f"entry {entry.seq}", "the entry was altered after it was written"))
        if entry.item_id in seen:
            problems.append(
                Problem("unpaired", item.sha256, where, f"entries {seen[entry.item_id]} and {entry.seq} both name it")
            )
        else:
            seen[entry.item_id] = entry.seq
            problem = _file_problem(storage, item, where)
            if problem:
                problems.append(problem)
        problems += field_problems(entry, item, where)
        if entry.payload.get("v") != FORMAT:
            unsealed.append(entry.seq)
        if position in wanted:
            # A head printed before `reseal` names the entry's hash in the old format.
            hashes[position] = (sha, entry.entry_hash, entry.payload.get("resealed_from") or entry.entry_hash)
        prev, expected_seq = entry.entry_hash, entry.seq + 1
        if progress:
            progress(position, total)
    for item in EvidenceItem.objects.filter(chain_entries__isnull=True).order_by("pk").iterator(chunk_size=500):
        where = storage.describe(item.sha256)
        problems.append(Problem("unpaired", item.sha256, where, "no chain entry records this item"))
        problem = _file_problem(storage, item, where)
        if problem:
            problems.append(problem)
    if unsealed:
        problems.append(
            Problem(
                "unsealed",
                "",
                f"entries {unsealed[0]}..{unsealed[-1]}",
                f"{len(unsealed)} entries are in the old format that does not seal type, name, link and note: "
                "run `pantau evidence reseal`",
            )
        )
    cut = _head_problems(heads, position, hashes)
    # Files left over from a rolled-back upload are harmless, so they are only named when the
    # chain was cut or rewritten: then they are likely what the removed entries recorded.
    return problems + cut + (_orphan_problems(storage) if cut else [])
