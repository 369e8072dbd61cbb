from django.apps import AppConfig


class DetectionConfig(AppConfig):
    name = "pantau.detection"
    label = "detection"

    def ready(self):
        from . import integrations, jobs  # noqa: F401  (register job handlers, dashboard and report plug-ins)
