"""Open cases as a proposed item of the pokja meeting's agenda (pantau.pokja.agenda)."""

from django.utils.translation import gettext as _

from pantau.pokja.agenda import LISTED, Proposal, agenda_source

from . import domain, services
from .access import cases_for, title_for
from .models import Case, CaseDeadline


@agenda_source("cases.open")
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
    for case in rows.select_related("report").order_by("created_at", "pk")[:LISTED]:
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
