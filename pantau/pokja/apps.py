"""The working group: agencies' meetings, decisions and action items."""

from django.apps import AppConfig


class PokjaConfig(AppConfig):
    name = "pantau.pokja"
    label = "pokja"

    def ready(self):
        from . import (
            agenda,  # noqa: F401  (registers the built-in agenda sources)
            exports,  # noqa: F401  (registers the "actions" export in pantau.dashboards)
        )
