"""The daily backup the worker makes, how many are kept, and when the last one was made.

Off until PANTAU_BACKUP_DIR names a folder (ideally another disk or a mounted
share: a backup beside the database dies with its disk). Keys go into the
archive only encrypted with PANTAU_BACKUP_PASSPHRASE; without it the daily
archives carry no keys, and the operator keeps a copy of them apart
(`pantau backup --keys FILE` once).
"""

import json
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from pantau.lib.env import env_int, env_str

from . import archive, keys

MARKER = "last-backup.json"
PATTERN = "pantau-backup-*.tar.gz"
# `pantau check` warns when the newest backup is older than this (a day's routine missed twice).
STALE_AFTER = timedelta(days=2)


def backup_dir() -> Path | None:
    configured = env_str("PANTAU_BACKUP_DIR")
    return Path(configured).expanduser() if configured else None


def keep() -> int:
    return env_int("PANTAU_BACKUP_KEEP", 7, minimum=1)


def record(written: "archive.Written") -> None:
    """Remember the newest backup, whoever made it (the routine or an operator's command)."""
    body = {"at": written.manifest["created_at"], "path": str(written.path), "keys": written.manifest["keys"]["mode"]}
    (settings.PANTAU_HOME / MARKER).write_text(json.dumps(body), encoding="utf-8")


def last_backup() -> dict | None:
    try:
        data = json.loads((settings.PANTAU_HOME / MARKER).read_text(encoding="utf-8"))
        data["at"] = datetime.fromisoformat(data["at"])
        return data
    except (OSError, ValueError, KeyError):
        return None


def prune(folder: Path, count: int) -> list[Path]:
    """Delete all but the `count` newest daily archives; returns what was deleted."""
    archives = sorted(folder.glob(PATTERN))
    doomed = archives[:-count] if len(archives) > count else []
    for path in doomed:
        path.unlink()
    return doomed


def daily_backup() -> str:
    folder = backup_dir()
    if folder is None:
        return _("off (PANTAU_BACKUP_DIR is not set)")
    passphrase = keys.passphrase_from(None)
    choice = archive.KeysChoice("encrypted", passphrase) if passphrase else archive.KeysChoice("none")
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    written = archive.create(folder / f"pantau-backup-{stamp}.tar.gz", choice)
    record(written)
    removed = prune(folder, keep())
    counts = {"name": written.path.name, "files": len(written.manifest["files"]), "removed": len(removed)}
    return _("%(name)s (%(files)d files), %(removed)d old one(s) removed") % counts
