from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "pantau.evidence"
    label = "evidence"
