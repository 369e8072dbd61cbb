from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "pantau.cases"
    label = "cases"

    def ready(self):
        # Fill the registries of documents, dashboards and pokja (they do not import this app).
        from . import (  # noqa: F401
            agenda,
            dashboard,
            documents,
            from_reports,  # noqa: F401  (listens to reports' seams: reports do not import cases)
            letters,
        )
