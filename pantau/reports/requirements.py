"""Formal and material requirements of a report (syarat formal dan materiel), and how they sort it.

UU 10/2016 Pasal 134: a report names the reporter, the reported party, the
time and place, and describes what happened (ayat 3); it must reach Bawaslu
within seven days of the violation becoming known (ayat 4). A report that
misses a formal requirement (the reporter's identity, the reporting window)
is not a report the office registers: it is kept as initial information
(informasi awal) that the office may look into itself (penelusuran) and take
up as its own finding (temuan). A missing material requirement can still be
supplied by the reporter while the reporting window runs.

What each requirement is and what its absence means is the table
REQUIREMENTS; a later regulation is a change of that table and the window.
Django-free apart from translation: the caller passes plain values.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The reporting window, in calendar days (the Pilkada rules count "hari" as calendar days).
REPORTING_DAYS = 7
REPORTING_BASIS = "UU 10/2016 Pasal 134 ayat (4)"
CONTENT_BASIS = "UU 10/2016 Pasal 134 ayat (3)"
MIN_DESCRIPTION = 30

# What an unmet requirement means for the report.
INFORMATION = "information"  # it cannot be put right: the report is kept as informasi awal
COMPLETE = "complete"  # the reporter may still supply it while the reporting window runs


@dataclass(frozen=True)
class Requirement:
    key: str
    kind: str  # "formal" or "materiel"
    label: str | Promise
    basis: str
    if_unmet: str  # INFORMATION or COMPLETE


REQUIREMENTS = (
    Requirement("identity", "formal", _("Reporter's identity"), CONTENT_BASIS, INFORMATION),
    Requirement("deadline", "formal", _("Reporting deadline"), REPORTING_BASIS, INFORMATION),
    Requirement("reported", "materiel", _("Reported party"), CONTENT_BASIS, COMPLETE),
    Requirement("time_place", "materiel", _("Time and place"), CONTENT_BASIS, COMPLETE),
    Requirement("description", "materiel", _("Description of what happened"), CONTENT_BASIS, COMPLETE),
    Requirement("evidence", "materiel", _("Evidence"), "", COMPLETE),
)
REQUIREMENT_BY_KEY = {r.key: r for r in REQUIREMENTS}


@dataclass(frozen=True)
class Check:
    key: str
    kind: str  # "formal" or "materiel"
    label: str | Promise
    ok: bool
    reason: str
    remedy: str = ""  # for an unmet check: INFORMATION or COMPLETE


def _check(key: str, ok: bool, reason, remedy: str | None = None) -> Check:
    requirement = REQUIREMENT_BY_KEY[key]
    remedy = "" if ok else (remedy or requirement.if_unmet)
    return Check(key, requirement.kind, requirement.label, ok, reason, remedy)


def reporting_deadline(known_on: date) -> date:
    """The last day a report about a violation known on `known_on` is on time (calendar days)."""
    return known_on + timedelta(days=REPORTING_DAYS)


def days_left(known_on: date | None, today: date) -> int | None:
    """Days until the reporting deadline; negative when late."""
    if known_on is None:
        return None
    return (reporting_deadline(known_on) - today).days


def is_late(known_on: date | None, filed_on: date) -> bool:
    return known_on is not None and filed_on > reporting_deadline(known_on)


def check_report(
    *,
    anonymous: bool,
    has_name: bool,
    has_address: bool,
    has_contact: bool,
    reported: bool,
    occurred_on,
    known_on,
    place: bool,
    description: str,
    evidence_count: int,
    today: date,
    filed_on: date | None = None,
) -> list[Check]:
    """The checks of one report. The reporting deadline is judged on the day it was filed
    (`filed_on`, today for a report being written), not on the day someone looks."""
    filed_on = filed_on or today
    return [
        _identity_check(anonymous, has_name, has_address, has_contact),
        _deadline_check(known_on, filed_on),
        _check(
            "reported",
            reported,
            _("Name or account link given.") if reported else _("Neither a name nor an account link."),
        ),
        _time_place_check(occurred_on is not None, place),
        _description_check(description),
        _check(
            "evidence",
            evidence_count > 0,
            _("%(n)s file(s).") % {"n": evidence_count} if evidence_count else _("No evidence file."),
        ),
    ]


def _identity_check(anonymous, has_name, has_address, has_contact) -> Check:
    if anonymous:
        return _check(
            "identity",
            False,
            _(
                "Sent anonymously: a report must name the reporter and their address (%(basis)s), so it is "
                "initial information."
            )
            % {"basis": CONTENT_BASIS},
        )
    missing = [
        str(word)
        for word, present in ((_("name"), has_name), (_("address"), has_address), (_("contact"), has_contact))
        if not present
    ]
    if missing:
        return _check("identity", False, _("Missing: %(what)s.") % {"what": ", ".join(missing)})
    return _check("identity", True, _("Name, address and contact given."))


def _deadline_check(known_on, filed_on) -> Check:
    if known_on is None:
        # Not late as far as anyone knows: the reporter can still say when they learnt of it.
        return _check("deadline", False, _("The date it became known is missing."), remedy=COMPLETE)
    values = {"days": (filed_on - known_on).days, "limit": REPORTING_DAYS, "basis": REPORTING_BASIS}
    if is_late(known_on, filed_on):
        return _check(
            "deadline",
            False,
            _("Sent %(days)s day(s) after it became known, later than the %(limit)s days the law allows (%(basis)s).")
            % values,
        )
    return _check(
        "deadline",
        True,
        _("Sent %(days)s day(s) after it became known, within the %(limit)s days (%(basis)s).") % values,
    )


def _time_place_check(when: bool, place: bool) -> Check:
    if when and place:
        return _check("time_place", True, _("Date and kecamatan given."))
    missing = ", ".join(str(w) for w, ok in ((_("date"), when), (_("kecamatan"), place)) if not ok)
    return _check("time_place", False, _("Missing: %(what)s.") % {"what": missing})


def _description_check(description: str) -> Check:
    long_enough = len((description or "").strip()) >= MIN_DESCRIPTION
    reason = _("Described.") if long_enough else _("Too short to understand what happened.")
    return _check("description", long_enough, reason)


def information_reasons(checks: list[Check]) -> list[str]:
    """The keys of the unmet requirements that make the report initial information; empty for a report."""
    return [c.key for c in checks if c.remedy == INFORMATION]


def to_complete(checks: list[Check]) -> list[Check]:
    """The unmet requirements the reporter may still supply (while the reporting window runs)."""
    return [c for c in checks if c.remedy == COMPLETE]
