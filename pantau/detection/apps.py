from django.apps import AppConfig


class DetectionConfig(AppConfig):
    name = "pantau.detection"
    label = "detection"

    def ready(self):
        from . import jobs  # noqa: F401  (registers the job handlers)
