from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "pantau.jobs"
    label = "jobs"

    def ready(self):
        from pantau.core.discovery import app_modules

        # Each app's routines.py registers its routines by being imported.
        for _module in app_modules("routines"):
            pass
