from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from pantau.jobs.routines import routine

from . import schedule


@routine("backup.daily", _("Back up the database, evidence and files to PANTAU_BACKUP_DIR"), every=timedelta(days=1))
def daily_backup():
    return schedule.daily_backup()
