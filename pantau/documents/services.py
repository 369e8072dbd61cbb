"""Generating a document: the same function for the CLI, the job and the tests."""

from django.utils.translation import gettext as _

from pantau.people.roles import has_role

from .letter import RENDERERS
from .registry import DocumentError, footer_lines, get_document_type

FORMATS = tuple(RENDERERS)


def generate(kind: str, fmt: str, params: dict | None = None, user=None) -> tuple[str, bytes]:
    """Return (filename, bytes). `user` None means the operator at the shell (sees everything)."""
    if fmt not in RENDERERS:
        raise DocumentError(f"unknown format {fmt!r} (pdf or docx)")
    doc_type = get_document_type(kind)
    if user is not None and not has_role(user, doc_type.roles):
        raise DocumentError(_("You may not create this document."))
    letter = doc_type.build(params or {}, user)
    letter.footer = footer_lines()
    return f"{letter.filename}.{fmt}", RENDERERS[fmt](letter)
