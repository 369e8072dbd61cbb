from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "pantau.core"
    label = "core"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks of the office's settings)
