from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "pantau.documents"
    label = "documents"
