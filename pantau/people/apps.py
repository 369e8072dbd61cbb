from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "pantau.people"
    label = "people"
