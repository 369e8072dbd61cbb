from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from pantau.jobs.routines import routine

from . import services, stash


@routine(
    "reports.purge_identities", _("Erase reporters' identities past the retention period"), every=timedelta(days=1)
)
def purge_identities():
    return services.purge_identities()


@routine(
    "reports.purge_stashes", _("Remove evidence files kept for unfinished public reports"), every=timedelta(hours=1)
)
def purge_stashes():
    return stash.purge_stale()
