from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from pantau.jobs.routines import routine

from . import services


@routine("cases.warn", _("E-mail warnings of case deadlines"), every=timedelta(minutes=15))
def warn_of_deadlines():
    return services.warn()
