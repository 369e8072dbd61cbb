"""Official letters and reports as PDF and DOCX."""

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "pantau.documents"
    label = "documents"
