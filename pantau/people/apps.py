from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "pantau.people"
    label = "people"

    def ready(self):
        from . import signals  # noqa: F401  (role and agency changes made outside grants.py are still recorded)
