"""The reports export, registered in pantau.dashboards.

Never the reporter's identity, e-mail or exact place: the pseudonym and the
kecamatan only, whoever asks (the handlers read identities on the report's
page, where each reading is logged). Rows come from reports_for(user); `user`
None (the `pantau export` command) is the office at the server: every report.
"""

from pantau.dashboards.exports import CHUNK, Sheet, export_kind
from pantau.jobs.db import in_chunks
from pantau.lib.clock import format_local, local_column

from .access import REPORT_VIEW_ROLES, reports_for
from .models import Report


@export_kind("reports", "Laporan masyarakat", REPORT_VIEW_ROLES)
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
