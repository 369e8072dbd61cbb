"""What cases adds to the shared seams (pantau.core.seams): a dashboard panel, an export, an agenda source ...

The panel, the export and the agenda go through cases_for(user): a pokja member sees only the cases of their
agency. `user` None (the `pantau export` command) is the office itself: it
runs on the server with the database's rights, so it exports every case.
"""

from datetime import timedelta

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pantau.core.attention import Attention
from pantau.core.seams import seams
from pantau.dashboards.exports import CHUNK, Sheet
from pantau.jobs.db import in_chunks
from pantau.lib.clock import format_local, local_column
from pantau.people.roles import has_role
from pantau.pokja.agenda import LISTED as AGENDA_LISTED
from pantau.pokja.agenda import Proposal

from . import api, demo, domain, from_reports, selfcheck, services
from .access import CASE_VIEW_ROLES, cases_for, may_handle, title_for
from .casefile import case_summary
from .deadlines import deadline_state
from .letters import forwarding_letter
from .models import Case, CaseDeadline

LISTED = 10

seams.report_completed.add(from_reports.stop_the_reporters_clock)
seams.report_findings.add(from_reports.open_finding)
seams.report_page_context.add(from_reports.cases_of_report)

seams.documents.add(case_summary, "case", "Ringkasan penanganan kasus", CASE_VIEW_ROLES)
seams.documents.add(forwarding_letter, "forwarding", "Surat penerusan kasus", CASE_VIEW_ROLES)


@seams.panels("cases_deadlines", gettext_lazy("Open cases with deadlines"), CASE_VIEW_ROLES, order=45)
def open_cases_panel(user):
    visible = cases_for(user).exclude(status__in=domain.FINAL)
    rows = services.open_deadlines(cases=visible)
    for deadline in rows[:LISTED]:
        deadline.shown_title = title_for(user, deadline.case)
    return render_to_string(
        "cases/panels/deadlines.html",
        {
            "deadlines": rows[:LISTED],
            "more": max(len(rows) - LISTED, 0),
            "overdue": sum(1 for d in rows if d.state == "overdue"),
            "open_cases": visible.count(),
        },
    )


@seams.exports("cases", "Kasus", CASE_VIEW_ROLES)
def cases_export(user):
    rows = cases_for(user) if user is not None else Case.objects.all()
    handler = user is None or may_handle(user)
    statuses = dict(domain.STATUSES)

    def cases():
        for case in in_chunks(rows.select_related("report").order_by("pk"), CHUNK):
            yield [
                case.register_number or "",
                case.number,
                case.origin,
                (case.report.code if handler else str(case.report.pseudonym)) if case.report else "",
                title_for(user, case),
                str(statuses.get(case.status, case.status)),
                ", ".join(case.violations),
                "; ".join(v.basis for v in case.violation_list()),
                format_local(case.created_at),
                format_local(case.closed_at),
                case.outcome,
            ]

    def deadlines():
        now = timezone.now()
        found = CaseDeadline.objects.filter(case__in=rows).select_related("case").order_by("due_at", "pk")
        for d in in_chunks(found, CHUNK):
            rule = d.rule_def
            state = deadline_state(d.due_at, now, rule.warn_days if rule else 1, d.met_at is not None)
            yield [d.case.reference, rule.name_id if rule else d.rule, rule.basis if rule else "",
                   format_local(d.started_at), format_local(d.due_at), "ya" if d.extended else "",
                   format_local(d.met_at), state]  # fmt: skip

    return [
        Sheet(
            "Kasus",
            [
                "nomor register",
                "nomor",
                "asal",
                "laporan",
                "judul",
                "status",
                "dugaan pelanggaran",
                "dasar hukum",
                local_column("dibuka"),
                local_column("ditutup"),
                "hasil",
            ],
            cases(),
            rows.count(),
        ),
        Sheet(
            "Tenggat",
            [
                "kasus",
                "tenggat",
                "dasar hukum",
                local_column("mulai"),
                local_column("jatuh tempo"),
                "diperpanjang",
                local_column("terpenuhi"),
                "keadaan",
            ],
            deadlines(),
        ),
    ]


@seams.agenda_sources("cases.open", order=50)
def open_cases(meeting, since, user=None):
    rows = (Case.objects.all() if user is None else cases_for(user)).exclude(status__in=domain.FINAL)
    count = rows.count()
    if not count:
        return []
    due: dict[int, CaseDeadline] = {}
    for deadline in services.open_deadlines(cases=rows):
        due.setdefault(deadline.case_id, deadline)
    statuses = dict(domain.STATUSES)
    lines = []
    for case in rows.select_related("report").order_by("created_at", "pk")[:AGENDA_LISTED]:
        line = f"- {case.reference} {title_for(None, case, public=True)} [{statuses.get(case.status, case.status)}]"
        deadline = due.get(case.pk)
        if deadline is not None:
            line += f" {deadline.due_at:%Y-%m-%d}" + (_(" (OVERDUE)") if deadline.state == "overdue" else "")
        lines.append(line)
    overdue = sum(1 for d in due.values() if d.state == "overdue")
    return [
        Proposal(
            _("Open cases (%(count)d, %(overdue)d overdue)") % {"count": count, "overdue": overdue},
            "\n".join(lines),
            "cases.open",
        )
    ]


@seams.routines("cases.warn", gettext_lazy("E-mail warnings of case deadlines"), every=timedelta(minutes=15))
def warn_of_deadlines():
    return services.warn()


seams.menu.add("cases:list", gettext_lazy("Cases"), order=100)


@seams.attention.add
def waiting_work(user):
    if not has_role(user, CASE_VIEW_ROLES):
        return []
    states = [d.state for d in services.open_deadlines(cases=cases_for(user))]
    url = reverse("cases:deadlines")
    return [
        Attention(_("Case deadlines passed"), states.count("overdue"), url, urgent=True),
        Attention(_("Case deadlines due within a day"), states.count("due_soon"), url),
    ]


for name, check in selfcheck.CHECKS:
    seams.selfchecks.add(check, name)

seams.demo_data.add(demo.load)

seams.api_routes.add(api.routes)
