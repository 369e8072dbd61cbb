"""What reports adds to the shared seams (pantau.core.seams): the reports export ...

The export never shows the reporter's identity, e-mail or exact place: the pseudonym and the
kecamatan only, whoever asks (the handlers read identities on the report's
page, where each reading is logged). Rows come from reports_for(user); `user`
None (the `pantau export` command) is the office at the server: every report.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pantau.core.attention import Attention
from pantau.core.seams import seams
from pantau.dashboards.exports import CHUNK, Sheet
from pantau.jobs.db import in_chunks
from pantau.lib.clock import format_local, local_column
from pantau.people.roles import has_role

from . import api, demo, ratelimit, selfcheck, services, stash
from .access import REPORT_VIEW_ROLES, reports_for
from .models import Report
from .notify import EmailNotifier


@seams.exports("reports", "Laporan masyarakat", REPORT_VIEW_ROLES)
def reports_export(user):
    rows = reports_for(user) if user is not None else Report.objects.all()

    def reports():
        for r in in_chunks(rows.select_related("kecamatan").prefetch_related("cases").order_by("pk"), CHUNK):
            yield [
                r.pk,
                # The register number once the report's case is registered, else the number it was received under.
                ", ".join(case.reference for case in r.cases.all()),
                r.code,
                str(r.pseudonym),
                "informasi awal" if r.is_information else "laporan",
                format_local(r.created_at),
                r.reported_name,
                " ".join(r.reported_links or []),
                r.description,
                r.occurred_on.isoformat() if r.occurred_on else "",
                r.kecamatan.name if r.kecamatan else "",
                str(r.get_status_display()),
                format_local(r.closed_at),
            ]

    return [
        Sheet(
            "Laporan",
            [
                "id",
                "nomor register",
                "kode",
                "pelapor (samaran)",
                "jenis",
                local_column("diterima"),
                "terlapor",
                "tautan",
                "uraian",
                "tanggal kejadian",
                "kecamatan",
                "status",
                local_column("ditutup"),
            ],
            reports(),
            rows.count(),
        )
    ]


@seams.routines(
    "reports.purge_identities",
    gettext_lazy("Erase reporters' identities past the retention period"),
    every=timedelta(days=1),
)
def purge_identities():
    return services.purge_identities()


@seams.routines(
    "reports.purge_stashes",
    gettext_lazy("Remove evidence files kept for unfinished public reports"),
    every=timedelta(hours=1),
)
def purge_stashes():
    return stash.purge_stale()


@seams.routines(
    "reports.purge_rate_counts",
    gettext_lazy("Remove the public pages' rate-limit counts of past hours"),
    every=timedelta(hours=1),
)
def purge_rate_counts():
    return ratelimit.purge_rate_counts()


seams.menu.add("reports:staff_list", gettext_lazy("Reports"), order=90)


@seams.attention.add
def waiting_work(user):
    if not has_role(user, REPORT_VIEW_ROLES):
        return []
    new = reports_for(user).filter(status=Report.Status.RECEIVED).count()
    return [Attention(_("New public reports not yet reviewed"), new, reverse("reports:staff_list"))]


for name, check in selfcheck.CHECKS:
    seams.selfchecks.add(check, name)

seams.demo_data.add(demo.load)

seams.api_routes.add(api.routes)

seams.reporter_notifiers.add(EmailNotifier())
