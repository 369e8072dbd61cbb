from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "pantau.intake"
    label = "intake"

    def ready(self):
        from . import jobs  # noqa: F401  registers the import job
