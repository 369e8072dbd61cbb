"""The working group: agencies' meetings, decisions and action items."""

from django.apps import AppConfig


class PokjaConfig(AppConfig):
    name = "pantau.pokja"
    label = "pokja"
