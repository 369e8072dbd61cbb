from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "pantau.inventory"
    label = "inventory"
