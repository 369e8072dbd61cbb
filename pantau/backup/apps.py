"""Backups of a whole office, and restoring one into an empty PANTAU_HOME."""

from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "pantau.backup"
    label = "backup"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks of the backup settings)
