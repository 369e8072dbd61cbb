"""The handling procedure as data: statuses, allowed transitions, violations.

Statuses follow Bawaslu's handling of a report or finding (penanganan
pelanggaran): received, initial review, registered or not, clarification,
assessment, decided (violation or not), forwarded, closed.

The deadlines of each stage are in deadlines.py (from data/procedure.toml).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pantau.detection.taxonomy import legal_basis

RECEIVED = "received"
INITIAL_REVIEW = "initial_review"
REGISTERED = "registered"
NOT_REGISTERED = "not_registered"
CLARIFICATION = "clarification"
ASSESSMENT = "assessment"
VIOLATION = "violation"
NO_VIOLATION = "no_violation"
FORWARDED_KPU = "forwarded_kpu"
FORWARDED_GAKKUMDU = "forwarded_gakkumdu"
FORWARDED_OTHER = "forwarded_other"
CLOSED = "closed"

STATUSES = [
    (RECEIVED, _("Received (diterima)")),
    (INITIAL_REVIEW, _("Initial review (kajian awal)")),
    (REGISTERED, _("Registered (diregistrasi)")),
    (NOT_REGISTERED, _("Not registered (tidak diregistrasi)")),
    (CLARIFICATION, _("Clarification (klarifikasi)")),
    (ASSESSMENT, _("Assessment (kajian)")),
    (VIOLATION, _("Decided: a violation")),
    (NO_VIOLATION, _("Decided: not a violation")),
    (FORWARDED_KPU, _("Forwarded to KPU")),
    (FORWARDED_GAKKUMDU, _("Forwarded to Sentra Gakkumdu")),
    (FORWARDED_OTHER, _("Forwarded to another agency")),
    (CLOSED, _("Closed (selesai)")),
]

TRANSITIONS = {
    RECEIVED: {INITIAL_REVIEW},
    INITIAL_REVIEW: {REGISTERED, NOT_REGISTERED},
    NOT_REGISTERED: {CLOSED},
    REGISTERED: {CLARIFICATION, ASSESSMENT},
    CLARIFICATION: {ASSESSMENT},
    ASSESSMENT: {CLARIFICATION, VIOLATION, NO_VIOLATION},
    VIOLATION: {FORWARDED_KPU, FORWARDED_GAKKUMDU, FORWARDED_OTHER, CLOSED},
    NO_VIOLATION: {CLOSED},
    FORWARDED_KPU: {CLOSED},
    FORWARDED_GAKKUMDU: {CLOSED},
    FORWARDED_OTHER: {CLOSED},
    CLOSED: set(),
}
# Steps that are a decision of the office: only a coordinator (DECIDER_ROLES) takes them.
DECISIONS = {VIOLATION, NO_VIOLATION, FORWARDED_KPU, FORWARDED_GAKKUMDU, FORWARDED_OTHER}
FINAL = {CLOSED}

# What the reporter sees on the status page for each case status (values of reports.Report.Status).
PUBLIC_STATUS = {
    RECEIVED: "received",
    INITIAL_REVIEW: "in_review",
    REGISTERED: "registered",
    NOT_REGISTERED: "not_registered",
    CLARIFICATION: "in_assessment",
    ASSESSMENT: "in_assessment",
    VIOLATION: "violation",
    NO_VIOLATION: "no_violation",
    FORWARDED_KPU: "forwarded",
    FORWARDED_GAKKUMDU: "forwarded",
    FORWARDED_OTHER: "forwarded",
    CLOSED: "closed",
}

# A finding taken up from a reporter's initial information is the office's case, not their report: before a
# decision they hear only that it is handled as a finding (saying "registered" would be about a report).
FINDING_PUBLIC_STATUS = {
    **PUBLIC_STATUS,
    **dict.fromkeys((RECEIVED, INITIAL_REVIEW, REGISTERED, CLARIFICATION, ASSESSMENT), "finding"),
    NOT_REGISTERED: "closed",
}


def public_status(origin: str, status: str) -> str:
    """The status a case's reporter sees (origin is Case.Origin's value)."""
    return (FINDING_PUBLIC_STATUS if origin == "finding" else PUBLIC_STATUS)[status]


class IllegalTransition(ValueError):
    pass


def check_transition(current: str, target: str) -> None:
    if target not in TRANSITIONS.get(current, set()):
        raise IllegalTransition(f"a case cannot go from {current} to {target}")


@dataclass(frozen=True)
class Violation:
    label: str
    name: str | Promise  # how a case describes the alleged violation; the label's short name is the taxonomy's

    @property
    def basis(self) -> str:
        return legal_basis(self.label)


# The alleged violations a case can name: taxonomy labels that are violations (their legal basis is the taxonomy's).
VIOLATIONS = [
    Violation("sara", _("Hatred or insult on religion, ethnicity, race, group (SARA)")),
    Violation("penghinaan", _("Insulting a person, candidate or party")),
    Violation("hasutan", _("Inciting or pitting groups against each other (adu domba)")),
    Violation("kekerasan", _("Threats or calls to violence or disorder")),
    Violation("hoaks", _("False information (hoax)")),
    Violation("politik_uang", _("Money politics")),
    Violation("netralitas", _("Neutrality of civil servants, TNI/Polri, village heads")),
    Violation("luar_jadwal", _("Campaigning outside the schedule or in the quiet period")),
]
VIOLATION_BY_LABEL = {v.label: v for v in VIOLATIONS}
