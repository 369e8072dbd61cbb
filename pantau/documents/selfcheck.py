"""`pantau check`: documents can be rendered and stored."""


def _renderers():
    from .letter import Letter, Para, render_docx, render_pdf
    from .logo import placeholder

    letter = Letter(filename="check", title="Uji", blocks=[Para("Uji dokumen.")], is_letter=False)
    # The placeholder logo: the check must work before the database is migrated.
    ok = render_pdf(letter, placeholder()).startswith(b"%PDF") and render_docx(letter, placeholder()).startswith(b"PK")
    return ok, "PDF (fpdf2) and DOCX (python-docx) render" if ok else "a document renderer failed"


def _storage():
    from django.conf import settings
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    try:
        name = default_storage.save("generated/check.txt", ContentFile(b"ok"))
        default_storage.delete(name)
    except OSError as exc:
        return False, f"cannot store files with {settings.STORAGES['default']['BACKEND']}: {exc}"
    return True, f"files stored by {settings.STORAGES['default']['BACKEND']}"


CHECKS = [("documents", _renderers), ("generated files", _storage)]
