"""Django system checks of the daily backup's settings: found at start-up, not when the first backup fails at night."""

import os

from django.core import checks

from pantau.lib.env import ConfigError

from . import keys, schedule


@checks.register("pantau")
def backup_settings(app_configs, **kwargs):
    found = []
    folder = schedule.backup_dir()
    # A folder that does not exist yet is made by the first backup (archive.create).
    if folder is not None and folder.exists() and not (folder.is_dir() and os.access(folder, os.W_OK)):
        found.append(
            checks.Error(
                f"PANTAU_BACKUP_DIR={str(folder)!r} is not a folder the server may write to.",
                hint="Create it (ideally on another disk or a mounted share), or unset PANTAU_BACKUP_DIR.",
                id="pantau.E030",
            )
        )
    try:
        schedule.keep()
    except ConfigError as exc:
        found.append(checks.Error(str(exc), hint="A whole number of backups to keep, at least 1.", id="pantau.E031"))
    try:
        keys.passphrase_from(None)
    except (keys.BackupError, ConfigError) as exc:
        found.append(checks.Error(f"PANTAU_BACKUP_PASSPHRASE: {exc}.", id="pantau.E032"))
    return found
