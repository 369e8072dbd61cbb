from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "pantau.jobs"
    label = "jobs"
