"""The one entry point to the audit log: `record(actor, action, target=None, **details)`.

Any app calls it where something happens that must be answerable later (who
saw a reporter's identity, who changed a role, who exported what). Rules:

- `actor` is the person who did it (a User), or None for the operator at the
  server (`pantau ...` commands) or the public (a citizen's report).
- `action` is a short dotted name, `<domain>.<verb>` (`report.identity_viewed`).
- `target` is the model instance it was done to, if any.
- `details` are JSON values: never a password, a reporter's identity or an
  address of a reporter; what a later reader needs to understand the entry.

It writes inside the caller's transaction, so an action rolled back leaves no
entry, and an entry is never written for an action that did not happen.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from . import chain
from .models import AuditEntry


def _json(details: dict) -> dict:
    # Stored as JSON and hashed from what the database gives back: normalise now.
    return json.loads(json.dumps(details, cls=DjangoJSONEncoder, ensure_ascii=False))


def record(actor, action: str, target=None, **details) -> AuditEntry:
    person = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(
        at=timezone.now(),
        actor=person,
        actor_name=person.get_username() if person else "",
        action=action[:60],
        details=_json(details),
    )
    if target is not None:
        entry.target_type = target._meta.label_lower[:60]
        entry.target_id = str(target.pk)[:64]
        entry.target_label = str(target)[:255]
    return chain.append(entry)
