from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "pantau.intake"
    label = "intake"
