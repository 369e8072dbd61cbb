"""The handling procedure as data: statuses, allowed transitions, violations, deadline rules.

Statuses follow Bawaslu's handling of a report or finding (penanganan
pelanggaran): received, initial review, registered or not, clarification,
assessment, decided (violation or not), forwarded, closed.

Days are CALENDAR days: Bawaslu's rules for Pilkada violation handling count
"hari" as calendar days, and supervisors work through weekends in the
campaign. A rule may set `working_days=True` (Monday to Friday) instead.
Deadlines end at the end of the day in the office's time zone.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

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
    VIOLATION: "decided",
    NO_VIOLATION: "decided",
    FORWARDED_KPU: "forwarded",
    FORWARDED_GAKKUMDU: "forwarded",
    FORWARDED_OTHER: "forwarded",
    CLOSED: "closed",
}


class IllegalTransition(ValueError):
    pass


def check_transition(current: str, target: str) -> None:
    if target not in TRANSITIONS.get(current, set()):
        raise IllegalTransition(f"a case cannot go from {current} to {target}")


@dataclass(frozen=True)
class Violation:
    label: str
    name: str  # how a case describes the alleged violation; the label's short name is the taxonomy's

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


@dataclass(frozen=True)
class DeadlineRule:
    key: str
    name: str
    starts_at: str  # the status whose entry starts the clock
    days: int
    met_by: frozenset  # statuses whose entry meets the deadline
    basis: str
    extension_days: int = 0
    working_days: bool = False
    warn_days: int = 1


DEADLINE_RULES = [
    DeadlineRule(
        key="decision",
        name=_("Decision on a registered report"),
        starts_at=REGISTERED,
        days=3,
        extension_days=2,
        met_by=frozenset({VIOLATION, NO_VIOLATION, FORWARDED_KPU, FORWARDED_GAKKUMDU, FORWARDED_OTHER, CLOSED}),
        basis="UU 10/2016 Pasal 134 ayat (5)-(6)",
    ),
]
RULE_BY_KEY = {rule.key: rule for rule in DEADLINE_RULES}


def add_days(start: datetime, days: int, working_days: bool = False) -> datetime:
    """The end of the day `days` days after `start` (an aware datetime in the office's zone)."""
    day = start.date()
    added = 0
    while added < days:
        day += timedelta(days=1)
        if not working_days or day.weekday() < 5:
            added += 1
    return datetime.combine(day, time(23, 59, 59), tzinfo=start.tzinfo)


def due_date(rule: DeadlineRule, started_local: datetime, extended: bool = False) -> datetime:
    return add_days(started_local, rule.days + (rule.extension_days if extended else 0), rule.working_days)


def deadline_state(due: datetime, now: datetime, warn_days: int, met: bool) -> str:
    if met:
        return "met"
    if now > due:
        return "overdue"
    if now >= due - timedelta(days=warn_days):
        return "due_soon"
    return "running"
