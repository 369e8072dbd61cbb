from django.apps import AppConfig


class DetectionConfig(AppConfig):
    name = "pantau.detection"
    label = "detection"
