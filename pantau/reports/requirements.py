"""Formal and material requirements of a report (syarat formal dan materiel), with reasons.

UU 10/2016 Pasal 134: a report names the reporter, the reported party, the
time and place, and describes what happened; it must reach Bawaslu within
seven days of the violation becoming known (ayat 4). An anonymous report
cannot meet the formal requirement of identity: the office treats it as
initial information (informasi awal) for its own finding.

Django-free apart from translation: the caller passes plain values.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

REPORTING_DAYS = 7
REPORTING_BASIS = "UU 10/2016 Pasal 134 ayat (4)"
MIN_DESCRIPTION = 30


@dataclass(frozen=True)
class Check:
    key: str
    kind: str  # "formal" or "materiel"
    label: str
    ok: bool
    reason: str


def reporting_deadline(known_on: date) -> date:
    """The last day a report about a violation known on `known_on` is on time (calendar days)."""
    return known_on + timedelta(days=REPORTING_DAYS)


def days_left(known_on: date | None, today: date) -> int | None:
    """Days until the reporting deadline; negative when late."""
    if known_on is None:
        return None
    return (reporting_deadline(known_on) - today).days


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
) -> list[Check]:
    checks = []
    if anonymous:
        checks.append(
            Check("identity", "formal", _("Reporter's identity"), False, _("Anonymous: initial information only."))
        )
    else:
        missing = [
            str(word)
            for word, present in ((_("name"), has_name), (_("address"), has_address), (_("contact"), has_contact))
            if not present
        ]
        checks.append(
            Check(
                "identity",
                "formal",
                _("Reporter's identity"),
                not missing,
                _("Missing: %(what)s.") % {"what": ", ".join(missing)}
                if missing
                else _("Name, address and contact given."),
            )
        )
    left = days_left(known_on, today)
    if left is None:
        checks.append(
            Check("deadline", "formal", _("Reporting deadline"), False, _("The date it became known is missing."))
        )
    elif left >= 0:
        checks.append(
            Check(
                "deadline",
                "formal",
                _("Reporting deadline"),
                True,
                _("%(days)s day(s) left of the %(window)s days (%(basis)s).")
                % {"days": left, "window": REPORTING_DAYS, "basis": REPORTING_BASIS},
            )
        )
    else:
        checks.append(
            Check(
                "deadline",
                "formal",
                _("Reporting deadline"),
                False,
                _("%(days)s day(s) late: more than %(window)s days since it became known (%(basis)s).")
                % {"days": -left, "window": REPORTING_DAYS, "basis": REPORTING_BASIS},
            )
        )
    checks.append(
        Check(
            "reported",
            "materiel",
            _("Reported party"),
            reported,
            _("Name or account link given.") if reported else _("Neither a name nor an account link."),
        )
    )
    when = occurred_on is not None
    checks.append(
        Check(
            "time_place",
            "materiel",
            _("Time and place"),
            when and place,
            _("Date and kecamatan given.")
            if when and place
            else _("Missing: %(what)s.")
            % {"what": ", ".join(str(w) for w, ok in ((_("date"), when), (_("kecamatan"), place)) if not ok)},
        )
    )
    long_enough = len((description or "").strip()) >= MIN_DESCRIPTION
    checks.append(
        Check(
            "description",
            "materiel",
            _("Description of what happened"),
            long_enough,
            _("Described.") if long_enough else _("Too short to understand what happened."),
        )
    )
    checks.append(
        Check(
            "evidence",
            "materiel",
            _("Evidence"),
            evidence_count > 0,
            _("%(n)s file(s).") % {"n": evidence_count} if evidence_count else _("No evidence file."),
        )
    )
    return checks
