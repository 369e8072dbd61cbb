from django.apps import AppConfig


class PokjaConfig(AppConfig):
    name = "pantau.pokja"
    label = "pokja"
