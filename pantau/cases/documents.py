"""The case summary ("case" document) in official-letter form, for pantau.documents.

Only people who may see the case get it (cases_for); the reporter appears by
pseudonym only. `user` None is the operator at the shell, who sees every case.
"""

from django.conf import settings
from django.utils import timezone

from pantau.documents.letter import Fields, Letter, Para, Table, tanggal
from pantau.documents.registry import DocumentError, document_type

from .access import CASE_VIEW_ROLES, cases_for
from .models import Case


def _when(value) -> str:
    local = timezone.localtime(value)
    return f"{tanggal(local.date())} {local.strftime('%H.%M')} WIB"


def _case(params, user):
    rows = cases_for(user) if user is not None else Case.objects.all()
    if params.get("case"):
        case = rows.filter(pk=params["case"]).first()
        if case is None:
            raise DocumentError(f"no case {params['case']}")
        return case
    case = rows.order_by("-created_at", "-pk").first()
    if case is None:
        raise DocumentError("there is no case yet")
    return case


@document_type("case", "Ringkasan penanganan kasus", CASE_VIEW_ROLES)
def case_summary(params, user):
    from pantau.documents.generators import _signer

    case = _case(params, user)
    report = case.report
    if report is not None:
        origin = f"Laporan {report.code} ({report.pseudonym}), diterima {_when(report.created_at)}"
        reported = report.reported_name or "-"
    else:
        origin = f"Temuan {settings.PANTAU_OFFICE_NAME}, {_when(case.created_at)}"
        reported = "-"
    violations = case.violation_list()
    deadlines = list(case.deadlines.all())
    now = timezone.now()
    blocks = [
        Fields(
            [
                ("Nomor kasus", case.number),
                ("Asal", origin),
                ("Pihak terlapor", reported),
                ("Status", str(case.get_status_display())),
                ("Perihal", case.title),
            ]
        ),
        Para("I. Uraian", bold=True),
        Para(case.summary or "-"),
        Table(
            ["No", "Dugaan pelanggaran", "Dasar hukum"],
            [[str(i), str(v.name), v.basis] for i, v in enumerate(violations, 1)] or [["-", "-", "-"]],
            [6, 54, 40],
            caption="II. Dugaan pelanggaran",
        ),
        Table(
            ["No", "Waktu", "Peristiwa", "Oleh", "Keterangan"],
            [
                [
                    str(i),
                    _when(e.at),
                    str(e.get_kind_display()) + (f": {e.from_label()} -> {e.to_label()}" if e.to_status else ""),
                    str(e.actor or "-"),
                    e.text or "-",
                ]
                for i, e in enumerate(case.events.select_related("actor"), 1)
            ]
            or [["-", "-", "-", "-", "-"]],
            [5, 22, 30, 18, 25],
            caption="III. Kronologi penanganan",
        ),
        Table(
            ["No", "Tenggat", "Jatuh tempo", "Keadaan", "Dasar hukum"],
            [
                [
                    str(i),
                    str(d.rule_def.name if d.rule_def else d.rule),
                    _when(d.due_at) + (" (diperpanjang)" if d.extended else ""),
                    f"terpenuhi {_when(d.met_at)}" if d.met_at else ("terlambat" if now > d.due_at else "berjalan"),
                    d.rule_def.basis if d.rule_def else "-",
                ]
                for i, d in enumerate(deadlines, 1)
            ]
            or [["-", "-", "-", "-", "-"]],
            [5, 27, 25, 18, 25],
            caption="IV. Tenggat waktu",
        ),
        Para("V. Hasil penanganan", bold=True),
        Para(case.outcome or "Belum ada hasil."),
        Para("VI. Keterangan untuk publik", bold=True),
        Para(case.public_note or "-"),
    ]
    position, name = _signer(user=user)
    return Letter(
        filename=f"ringkasan-kasus-{case.number}",
        title=f"RINGKASAN PENANGANAN KASUS\n{case.number}",
        number=params.get("number", ""),
        blocks=blocks,
        date=timezone.localdate(),
        signer_position=position,
        signer_name=name,
        is_letter=False,
    )
