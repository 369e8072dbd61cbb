from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "pantau.evidence"
    label = "evidence"

    def ready(self):
        from . import integrations  # noqa: F401  (evidence in the documents' inventory report)
