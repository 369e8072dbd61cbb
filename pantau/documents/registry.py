"""Document kinds and what goes into them, all contributed by the apps that own the data.

The `documents` seam (pantau.core.seams) brings `build(params, user) ->
Letter` with its key, title and roles. `params` may carry "meeting" (an id)
or "case"; `user` is None when the operator runs `pantau document` from a
shell.

Evidence: the `document_evidence` seam brings `fn(account_or_group) ->
list[{"sha256": ..., "thumbnail": bytes|None, "captured_at": ...}]` (the
evidence app), and the inventory report lists what they return; labels
come the same way through `document_labels` (the detection app).

Footers: the `document_footer` seam brings `fn() -> str`, each a line printed
at the foot of every page of every document; the evidence app adds the
chain's head, so a signed letter shows what evidence existed when it was made.
"""

from collections.abc import Callable
from dataclasses import dataclass

from pantau.core.seams import seams


class DocumentError(Exception):
    """Bad input for a document: shown to the person as one line."""


@dataclass
class DocumentType:
    key: str
    title: str
    roles: frozenset
    build: Callable
    needs_meeting: bool = False


def document_types() -> dict[str, DocumentType]:
    """Every document kind the apps contribute, by key."""
    return {c.key: DocumentType(c.key, c.title, frozenset(c.roles), c.value, c.needs_meeting) for c in seams.documents}


def get_document_type(key: str) -> DocumentType:
    kinds = document_types()
    if key in kinds:
        return kinds[key]
    raise DocumentError(f"unknown document {key!r} (known: {', '.join(sorted(kinds))})")


def labels_for(obj) -> list[str]:
    """The labels of an account or group, each with its legal basis from the taxonomy."""
    from pantau.detection.taxonomy import legal_basis

    labels: list[str] = []
    for provider in seams.document_labels:
        labels.extend(code for code in provider.value(obj) if code not in labels)
    from pantau.detection.taxonomy import label_name  # the human name; the letter never shows a key

    return [f"{label_name(code)} ({legal_basis(code)})" if legal_basis(code) else label_name(code) for code in labels]


def evidence_for(obj) -> list[dict]:
    rows = []
    for provider in seams.document_evidence:
        rows.extend(provider.value(obj))
    return rows


def footer_lines() -> list[str]:
    return [provider.value() for provider in seams.document_footer]
