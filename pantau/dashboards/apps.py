"""Dashboards, exports, positive information and alerts."""

from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "pantau.dashboards"
    label = "dashboards"

    def ready(self):
        from django.db.models.signals import post_delete

        from .alerts import forget_watch_deliveries
        from .models import WatchList

        post_delete.connect(
            forget_watch_deliveries, sender=WatchList, dispatch_uid="dashboards.forget_watch_deliveries"
        )
