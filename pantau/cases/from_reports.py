"""What cases do when reports announce something (pantau/reports/seams.py): reports never import cases."""

from django.db.models import Q
from django.dispatch import receiver

from pantau.reports import seams
from pantau.reports.models import Report

from . import services
from .access import cases_for
from .matching import proposed_cases
from .models import Case


@receiver(seams.report_completed, sender=Report)
def stop_the_reporters_clock(sender, report, **kwargs) -> None:
    services.report_completed(report)


@receiver(seams.finding_found, sender=Report)
def open_finding(sender, report, user, result, **kwargs) -> Case:
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


@receiver(seams.staff_page_context, sender=Report)
def cases_of_report(sender, report, user, **kwargs) -> dict:
    cases = cases_for(user).filter(Q(report=report) | Q(report_links__report=report)).distinct()
    return {"cases": list(cases), "related_cases": proposed_cases(report, user)}
