"""Initial information (informasi awal): the office's own inquiry (penelusuran) and its result.

A report kept as initial information is not registered. The office may look
into it; what it finds either becomes its own finding (temuan), a case of
origin "finding" that keeps the link to the information, or ends the matter.
The reporter is told of each step through the report's status.
"""

from django.db import transaction

from pantau.audit.log import record
from pantau.core.seams import seams

from .models import Report
from .services import set_status

FINDING, NO_FINDING = "finding", "no_finding"


class NotInquirable(ValueError):
    """The report is not initial information at the step this needs."""


@transaction.atomic
def start_inquiry(report, user, public_note="") -> Report:
    if not report.is_information or report.status != Report.Status.INFORMATION:
        raise NotInquirable(report.code)
    set_status(report, Report.Status.INQUIRY, public_note, actor=user)
    record(user, "report.inquiry_started", report)
    return report


@transaction.atomic
def conclude_inquiry(report, user, *, outcome: str, result: str, public_note=""):
    """Record what the inquiry found: a finding (returns its case) or nothing to take up (returns None)."""
    if not report.is_information or report.status != Report.Status.INQUIRY:
        raise NotInquirable(report.code)
    record(user, "report.inquiry_concluded", report, outcome=outcome)
    if outcome != FINDING:
        set_status(report, Report.Status.CLOSED, public_note, actor=user)
        return None
    openers = list(seams.report_findings)
    if not openers:
        raise RuntimeError("no installed app takes up findings (pantau.cases contributes to report_findings)")
    case = openers[0].value(report, user, result)
    set_status(report, Report.Status.FINDING, public_note, actor=user)
    return case
