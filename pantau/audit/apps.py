from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "pantau.audit"
    label = "audit"

    def ready(self):
        from . import signals  # noqa: F401  (logins and failed logins)
