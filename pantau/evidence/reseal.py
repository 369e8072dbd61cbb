"""Upgrading a chain written before every field was sealed (`pantau evidence reseal`).

The first format sealed the hash, size, time, capturer and origin of an item
but not its type, name, link or note. Resealing rewrites every entry in the
current format, so it must not bless tampering: it refuses unless the old
chain verifies (hashes, order, pairing, files, the fields the old format
covered, and any head kept outside the database). Each resealed entry keeps
its old hash (`resealed_from`), so a head printed before the upgrade still
checks, and a record of the old and new heads is written to PANTAU_HOME.
"""

import json

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import anchors
from .anchors import Head
from .chain import FORMAT, GENESIS, current_head, entry_hash, unsealed_count, v2_payload, verify
from .models import ChainEntry


class ResealRefused(Exception):
    def __init__(self, problems):
        super().__init__(f"the old chain does not verify ({len(problems)} problem(s)); nothing was resealed")
        self.problems = problems


def reseal() -> int:
    """Reseal every old-format entry; returns how many were resealed."""
    problems = [problem for problem in verify() if problem.kind != "unsealed"]
    if problems:
        raise ResealRefused(problems)
    if not unsealed_count():
        return 0
    now = timezone.now()
    with transaction.atomic():
        old_head = current_head()
        # Lock only the chain's own rows: PostgreSQL cannot lock the nullable side of the join to the capturer.
        locked = ChainEntry.objects.select_for_update(of=("self",)).select_related("item", "item__captured_by")
        entries = list(locked.order_by("seq"))
        prev, resealed = GENESIS, 0
        for entry in entries:
            if entry.payload.get("v") != FORMAT:
                extra = {"resealed_from": entry.entry_hash, "resealed_at": now.isoformat()}
                entry.payload = v2_payload(entry.item, entry.action, entry.recorded_at, extra)
                resealed += 1
            entry.prev_hash = prev
            entry.entry_hash = prev = entry_hash(entry.seq, entry.payload, prev)
        # entry_hash is unique: park the new hashes apart first so no row collides with an old one.
        for entry in entries:
            ChainEntry.objects.filter(pk=entry.pk).update(entry_hash=f"resealing-{entry.pk}")
        ChainEntry.objects.bulk_update(entries, ["payload", "prev_hash", "entry_hash"], batch_size=1000)
        new_head = current_head()
        transaction.on_commit(lambda: _record(old_head, new_head, resealed, now))
    return resealed


def _record(old: Head, new: Head, resealed: int, when) -> None:
    anchors.record(new)
    path = settings.PANTAU_HOME / f"evidence-reseal-{when.strftime('%Y%m%dT%H%M%S')}.json"
    record = {"at": when.isoformat(), "resealed": resealed, "old_head": str(old), "new_head": str(new)}
    path.write_text(json.dumps(record, indent=2), encoding="utf-8")


def reseal_after_migrate(using="default", verbosity=1, stdout=None, **kwargs) -> None:
    """The upgrade step `migrate` (and so `pantau serve`) runs: reseal if the old chain verifies, else say why not."""
    import sys

    from django.db import connections

    connection = connections[using]
    if ChainEntry._meta.db_table not in connection.introspection.table_names() or not unsealed_count():
        return
    out = stdout or sys.stdout
    try:
        count = reseal()
    except ResealRefused as exc:
        out.write(
            f"evidence chain NOT resealed: {exc}. Run `pantau evidence verify` to see what changed; "
            "`pantau check` fails until it is resolved and `pantau evidence reseal` has run.\n"
        )
        return
    if verbosity:
        out.write(f"evidence chain: resealed {count} entries in the current format ({current_head()})\n")
