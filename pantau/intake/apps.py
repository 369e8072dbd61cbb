from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "pantau.intake"
    label = "intake"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks of the import settings)
