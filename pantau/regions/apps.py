from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "pantau.regions"
    label = "regions"
