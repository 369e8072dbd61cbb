from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from pantau.jobs.routines import routine

from .alerts import check_deadlines
from .daily import catch_up, rebuild


@routine("dashboards.action_deadlines", _("Alerts of action items near their due date"), every=timedelta(hours=1))
def alert_action_deadlines():
    # Each alert has a key, so an hourly check tells each person once per item and state.
    return check_deadlines()


@routine(
    "dashboards.daily_counts", _("Recount the dashboard's days with new or changed posts"), every=timedelta(minutes=5)
)
def refresh_daily_counts():
    return catch_up()


@routine("dashboards.daily_rebuild", _("Recount every day of the dashboard"), every=timedelta(days=1))
def rebuild_daily_counts():
    # Catches what no hook tells: a re-imported post that moved to another day leaves its old day behind.
    return rebuild()
