"""What backup adds to the shared seams (pantau.core.seams)."""

from datetime import timedelta

from django.utils.translation import gettext_lazy

from pantau.core.seams import seams

from . import schedule, selfcheck


@seams.routines(
    "backup.daily",
    gettext_lazy("Back up the database, evidence and files to PANTAU_BACKUP_DIR"),
    every=timedelta(days=1),
)
def daily_backup():
    return schedule.daily_backup()


for name, check in selfcheck.CHECKS:
    seams.selfchecks.add(check, name)
