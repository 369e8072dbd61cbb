"""What cases do when reports announce something: reports never import cases (cases/plugin.py adds these
to the report_completed, report_findings and report_page_context seams)."""

from django.db.models import Q

from . import services
from .access import cases_for
from .matching import proposed_cases
from .models import Case


def stop_the_reporters_clock(report) -> None:
    services.report_completed(report)


def open_finding(report, user, result: str) -> Case:
    subject = report.reported_name or report.description[:80]
    case = services.open_case(
        user=user,
        title=f"{report.pseudonym}: {subject}",
        summary=f"{report.description}\n\n{result}",
        report=report,
        origin=Case.Origin.FINDING,
    )
    services.add_note(case, user, result)
    return case


def cases_of_report(report, user) -> dict:
    cases = cases_for(user).filter(Q(report=report) | Q(report_links__report=report)).distinct()
    return {"cases": list(cases), "related_cases": proposed_cases(report, user)}
