from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "pantau.coordination"
    label = "coordination"
