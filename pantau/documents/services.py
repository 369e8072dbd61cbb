"""Generating a document: the same function for the CLI, the job and the tests."""

from django.utils.translation import gettext as _

from pantau.people.roles import has_role

from .letter import RENDERERS, letters_of
from .registry import DocumentError, footer_lines, get_document_type

FORMATS = tuple(RENDERERS)


def generate(kind: str, fmt: str, params: dict | None = None, user=None) -> tuple[str, bytes]:
    """Return (filename, bytes). `user` None means the operator at the shell (sees everything)."""
    if fmt not in RENDERERS:
        raise DocumentError(f"unknown format {fmt!r} (pdf or docx)")
    doc_type = get_document_type(kind)
    if user is not None and not has_role(user, doc_type.roles):
        raise DocumentError(_("You may not create this document."))
    document = doc_type.build(params or {}, user)
    footer = footer_lines()
    for letter in letters_of(document):
        letter.footer = footer
    return f"{document.filename}.{fmt}", RENDERERS[fmt](document)
