"""Document kinds, one registry entry each; other apps add theirs.

`@document_type("case", title, roles)` registers `build(params, user) ->
Letter`. `params` may carry "meeting" (an id) or "case"; `user` is None when
the operator runs `pantau document` from a shell. The cases app registers
"case" from its AppConfig.ready(); until then that kind is reported as not
available.

Evidence: `EVIDENCE_PROVIDERS` holds functions `fn(account_or_group) ->
list[{"sha256": ..., "thumbnail": bytes|None, "captured_at": ...}]`; the
evidence app appends one, and the inventory report lists what they return.

Footers: `FOOTER_PROVIDERS` holds functions `fn() -> str`, each a line printed
at the foot of every page of every document; the evidence app adds the
chain's head, so a signed letter shows what evidence existed when it was made.
"""

from collections.abc import Callable
from dataclasses import dataclass


class DocumentError(Exception):
    """Bad input for a document: shown to the person as one line."""


@dataclass
class DocumentType:
    key: str
    title: str
    roles: frozenset
    build: Callable
    needs_meeting: bool = False


DOCUMENTS: dict[str, DocumentType] = {}
EVIDENCE_PROVIDERS: list[Callable] = []
FOOTER_PROVIDERS: list[Callable] = []
# fn(account_or_group) -> list of label codes (the detection app adds one).
LABEL_PROVIDERS: list[Callable] = []
# Kinds that other apps will provide; named so the CLI can say why one is missing.
EXPECTED = {"case": "pantau.cases"}


def document_type(key: str, title, roles, needs_meeting: bool = False):
    def register(fn):
        DOCUMENTS[key] = DocumentType(key, title, frozenset(roles), fn, needs_meeting)
        return fn

    return register


def get_document_type(key: str) -> DocumentType:
    if key in DOCUMENTS:
        return DOCUMENTS[key]
    if key in EXPECTED:
        raise DocumentError(f"the {key!r} document comes from {EXPECTED[key]}, which does not provide it yet")
    raise DocumentError(f"unknown document {key!r} (known: {', '.join(sorted(DOCUMENTS))})")


def labels_for(obj) -> list[str]:
    """The labels of an account or group, each with its legal basis from the taxonomy."""
    from pantau.detection.taxonomy import legal_basis

    labels: list[str] = []
    for provider in LABEL_PROVIDERS:
        labels.extend(code for code in provider(obj) if code not in labels)
    from pantau.detection.taxonomy import label_name  # the human name; the letter never shows a key

    return [f"{label_name(code)} ({legal_basis(code)})" if legal_basis(code) else label_name(code) for code in labels]


def evidence_for(obj) -> list[dict]:
    rows = []
    for provider in EVIDENCE_PROVIDERS:
        rows.extend(provider(obj))
    return rows


def footer_lines() -> list[str]:
    return [provider() for provider in FOOTER_PROVIDERS]
