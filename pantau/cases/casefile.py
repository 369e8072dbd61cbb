"""The case summary ("case" document) in official-letter form, for pantau.documents.

Only people who may see the case get it (cases_for); the reporter appears by
pseudonym only. `user` None is the operator at the shell, who sees every case.
"""

from django.conf import settings
from django.utils import timezone

from pantau.documents.letter import Fields, Para, Table, report_letter, tanggal
from pantau.documents.registry import DocumentError
from pantau.lib import clock

from .access import cases_for, find_case, may_handle, title_for
from .models import Case


def _when(value) -> str:
    local = clock.local(value)
    return clock.with_zone(f"{tanggal(local.date())} {local.strftime('%H.%M')}")


def _case(params, user):
    rows = cases_for(user) if user is not None else Case.objects.all()
    if params.get("case"):
        case = find_case(rows, params["case"])
        if case is None:
            raise DocumentError(f"no case {params['case']} (give its register number or number)")
        return case
    case = rows.order_by("-created_at", "-pk").first()
    if case is None:
        raise DocumentError("there is no case yet")
    return case


def _counting(rule) -> str:
    if rule is None:
        return ""
    return f" ({rule.days} hari {'kerja' if rule.working_days else 'kalender'})"


def case_summary(params, user):
    case = _case(params, user)
    report = case.report
    hidden = report is not None and not (user is None or may_handle(user))

    def shown(text):
        # The receipt code opens the reporter's status page: handlers only.
        return text.replace(report.code, str(report.pseudonym)) if hidden and text else text

    if report is not None:
        code = "masyarakat" if hidden else report.code
        origin = f"Laporan {code} ({report.pseudonym}), diterima {_when(report.created_at)}"
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
                ("Nomor register", case.register_number or "belum diregistrasi"),
                ("Nomor laporan" if case.report_id else "Nomor temuan", case.number),
                ("Asal", origin),
                ("Pihak terlapor", reported),
                ("Status", str(case.get_status_display())),
                ("Perihal", title_for(user, case)),
            ]
        ),
        Para("I. Uraian", bold=True),
        Para(shown(case.summary) or "-"),
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
                    shown(e.text) or "-",
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
                    str(d.rule_def.name_id if d.rule_def else d.rule),
                    _when(d.due_at) + (" (diperpanjang)" if d.extended else "") + _counting(d.rule_def),
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
        Para(shown(case.outcome) or "Belum ada hasil."),
        Para("VI. Keterangan untuk publik", bold=True),
        Para(shown(case.public_note) or "-"),
    ]
    return report_letter(
        f"ringkasan-kasus-{case.reference.replace('/', '-')}",
        f"RINGKASAN PENANGANAN KASUS\n{case.reference}",
        blocks,
        number=params.get("number", ""),
        user=user,
    )
