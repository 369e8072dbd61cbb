"""Official letters and reports as PDF and DOCX."""

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "pantau.documents"
    label = "documents"

    def ready(self):
        from . import generators, jobs  # noqa: F401  (register document kinds and job handlers)
