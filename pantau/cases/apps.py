from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "pantau.cases"
    label = "cases"

    def ready(self):
        # Fill the registries of documents, dashboards and pokja (they do not import this app).
        from . import agenda, dashboard, documents, letters  # noqa: F401
