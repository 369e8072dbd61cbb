"""Dashboards, exports, positive information and alerts."""

from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "pantau.dashboards"
    label = "dashboards"

    def ready(self):
        from . import exports, jobs, panels  # noqa: F401  (register export kinds, job handlers, panels)
