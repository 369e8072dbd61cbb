from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "pantau.reports"
    label = "reports"
