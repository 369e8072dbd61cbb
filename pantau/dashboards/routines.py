from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from pantau.jobs.routines import routine

from .alerts import check_deadlines


@routine("dashboards.action_deadlines", _("Alerts of action items near their due date"), every=timedelta(hours=1))
def alert_action_deadlines():
    # Each alert has a key, so an hourly check tells each person once per item and state.
    return check_deadlines()
