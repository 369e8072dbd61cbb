from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import pre_save


class ApiConfig(AppConfig):
    name = "pantau.api"
    label = "api"

    def ready(self):
        from .tokens import revoke_on_change

        pre_save.connect(revoke_on_change, sender=settings.AUTH_USER_MODEL, dispatch_uid="api-token-revoke")
