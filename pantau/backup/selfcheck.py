"""`pantau check`: a recent backup exists (a warning, not a failure: a new office has none yet)."""

from django.utils import timezone

from . import schedule


def _recent_backup():
    last = schedule.last_backup()
    where = schedule.backup_dir()
    daily = f"daily backups go to {where}" if where else "no daily backup (set PANTAU_BACKUP_DIR)"
    if last is None:
        return None, f"no backup made yet: run `pantau backup FILE`; {daily}"
    age = timezone.now() - last["at"]
    when = f"last backup {last['at']:%Y-%m-%d %H:%M} UTC ({age.days} day(s) ago) at {last['path']}"
    if age > schedule.STALE_AFTER:
        return None, f"{when}: older than {schedule.STALE_AFTER.days} days; {daily}"
    keys = "" if last["keys"] != "none" else "; it holds no keys: keep a copy of them apart (pantau backup --keys)"
    return True, f"{when}{keys}"


CHECKS = [("backup", _recent_backup)]
