"""What a reporter is told: one sentence for every status they can see, why a report was kept as
initial information, and what, if anything, they can still do.

The status page, the receipt (page and PDF) and every e-mail to the reporter
take their words from here, so the reporter reads the same thing everywhere.
"""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import requirements, services
from .models import Report

S = Report.Status
# Keyed by the stored status (a Status is its own stored text).
SENTENCES: dict[str, Promise] = {
    S.RECEIVED: _(
        "Your report has been received. The office checks whether it meets the formal and material "
        "requirements; each step appears here."
    ),
    S.IN_REVIEW: _("The office is reviewing your report (kajian awal) to decide whether it can be registered."),
    S.REGISTERED: _("Your report has been registered and is handled as a case within the time limits the law sets."),
    S.NOT_REGISTERED: _("Your report was not registered because it does not meet the requirements."),
    S.IN_ASSESSMENT: _(
        "The office is examining your report: it hears the parties and witnesses (klarifikasi) and assesses "
        "the evidence (kajian)."
    ),
    S.DECIDED: _("The office has decided on your report."),
    S.VIOLATION: _(
        "The office has decided that what was reported is a violation, and follows it up as the law requires."
    ),
    S.NO_VIOLATION: _("The office has decided that what was reported is not a violation."),
    S.FORWARDED: _(
        "The office has forwarded it to the body that handles this kind of violation (Sentra Gakkumdu, KPU "
        "or another agency)."
    ),
    S.CLOSED: _("The office has finished handling it."),
    S.INFORMATION: _(
        "It was received as initial information (informasi awal), not as a report the office registers: the "
        "office may look into it itself and take it up as its own finding (temuan)."
    ),
    S.INQUIRY: _("The office is looking into the information you sent (penelusuran)."),
    S.FINDING: _("The office has taken up the information as its own finding (temuan) and handles it as a case."),
}


def sentence(status: str) -> str:
    return str(SENTENCES[status])


@dataclass
class ReporterView:
    sentence: str
    reasons: list[str] = field(default_factory=list)  # why it is initial information
    advice: str = ""  # what the reporter can still do
    missing: list = field(default_factory=list)  # checks the reporter can still supply, now


def reporter_view(report, today=None) -> ReporterView:
    today = today or services.local_today()
    checks = services.checks_for(report, today)
    view = ReporterView(sentence=sentence(report.status))
    deadline = requirements.reporting_deadline(report.known_on) if report.known_on else None
    if report.is_information:
        view.reasons = [str(c.reason) for c in checks if c.key in report.kind_reasons]
        view.advice = _information_advice(report, deadline, today)
    elif services.can_complete(report, today):
        view.missing = requirements.to_complete(checks)
        view.advice = (
            str(_("Add what is missing below by %(date)s.") % {"date": date_format(deadline, "j F Y")})
            if deadline
            else str(_("Add what is missing below. The date you learnt of it starts the 7 days for reporting."))
        )
    elif requirements.to_complete(checks) and report.status == S.RECEIVED:
        view.advice = str(_("The time for completing it has passed: the office reviews it as it is."))
    else:
        view.advice = str(_("Nothing is needed from you now."))
    return view


def _information_advice(report, deadline, today) -> str:
    if report.status != S.INFORMATION:
        return str(_("Nothing is needed from you now."))
    if "deadline" in report.kind_reasons:
        return str(
            _(
                "Nothing you add can change this, and you need not send it again: the office keeps what you sent. "
                "A violation you learn of later can be reported within %(limit)s days of learning of it."
            )
            % {"limit": requirements.REPORTING_DAYS}
        )
    if deadline is None:
        return str(
            _(
                "If you want it handled as a report, send it again with your name, address and contact within "
                "%(limit)s days of learning of it."
            )
            % {"limit": requirements.REPORTING_DAYS}
        )
    if deadline >= today:
        return str(
            _("If you want it handled as a report, send it again with your name, address and contact by %(date)s.")
            % {"date": date_format(deadline, "j F Y")}
        )
    return str(_("The time for sending it again as a report has passed; the office keeps what you sent."))
