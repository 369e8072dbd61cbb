from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "pantau.dashboards"
    label = "dashboards"
