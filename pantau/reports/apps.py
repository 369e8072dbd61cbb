from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "pantau.reports"
    label = "reports"

    def ready(self):
        from . import exports  # noqa: F401  (registers the "reports" export in pantau.dashboards)
