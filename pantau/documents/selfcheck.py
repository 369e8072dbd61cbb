"""`pantau check`: documents can be rendered and stored."""

import os


def _renderers():
    from .letter import Letter, Para, render_docx, render_pdf

    letter = Letter(filename="check", title="Uji", blocks=[Para("Uji dokumen.")], is_letter=False)
    ok = render_pdf(letter).startswith(b"%PDF") and render_docx(letter).startswith(b"PK")
    return ok, "PDF (fpdf2) and DOCX (python-docx) render" if ok else "a document renderer failed"


def _storage():
    from pathlib import Path

    from django.conf import settings

    folder = Path(settings.MEDIA_ROOT) / "generated"
    folder.mkdir(parents=True, exist_ok=True)
    ok = os.access(folder, os.W_OK)
    return ok, f"{folder} writable" if ok else f"{folder} not writable"


CHECKS = [("documents", _renderers), ("generated files", _storage)]
