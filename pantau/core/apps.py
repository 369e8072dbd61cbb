from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "pantau.core"
    label = "core"

    def ready(self):
        from django.conf import settings

        from . import checks  # noqa: F401  (registers the deployment checks)
        from .seams import seams

        # Every app's plugin.py adds its contributions to the declared seams.
        seams.load(settings.PANTAU_APPS)
