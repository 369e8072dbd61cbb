"""Every deadline of the handling procedure, from data/procedure.toml.

A rule names the event that starts its clock and the events that meet it;
services.deadline_event(case, event) applies them. Events are the case's
statuses plus the few below that are not a status. A later regulation is a
change of the data file; a typo in it stops start-up with the rule's key.
"""

import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.utils import translation

from . import domain
from .workdays import add_days

PROCEDURE_FILE = Path(__file__).parent / "data" / "procedure.toml"

REPORT_RECEIVED = "report_received"
FINDING_OPENED = "finding_opened"
REQUIREMENTS_REQUESTED = "requirements_requested"
REQUIREMENTS_COMPLETED = "requirements_completed"
AGENCY_ANSWERED = "agency_answered"
EVENTS = frozenset(
    {REPORT_RECEIVED, FINDING_OPENED, REQUIREMENTS_REQUESTED, REQUIREMENTS_COMPLETED, AGENCY_ANSWERED}
    | {status for status, _label in domain.STATUSES}
)
COUNTINGS = ("calendar", "working")
ORIGINS = ("report", "finding")
FIELDS = {"key", "name", "name_en", "basis", "starts_on", "met_on", "days", "counting", "extension_days"}
FIELDS |= {"warn_days", "origins"}


class ProcedureDataError(ValueError):
    """The procedure file has a rule or register that cannot be used."""


@dataclass(frozen=True)
class DeadlineRule:
    key: str
    name_id: str
    name_en: str
    basis: str
    starts_on: str
    met_on: frozenset
    days: int
    counting: str = "calendar"
    extension_days: int = 0
    warn_days: int = 1
    origins: frozenset = frozenset(ORIGINS)

    @property
    def name(self) -> str:
        language = translation.get_language() or "id"
        return self.name_en if language.startswith("en") and self.name_en else self.name_id

    @property
    def working_days(self) -> bool:
        return self.counting == "working"

    def applies_to(self, origin: str) -> bool:
        return origin in self.origins


def _rule(raw: dict, where: str) -> DeadlineRule:
    unknown = set(raw) - FIELDS
    if unknown:
        raise ProcedureDataError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    try:
        rule = DeadlineRule(
            key=raw["key"],
            name_id=raw["name"],
            name_en=raw.get("name_en", ""),
            basis=raw["basis"],
            starts_on=raw["starts_on"],
            met_on=frozenset(raw["met_on"]),
            days=int(raw["days"]),
            counting=raw.get("counting", "calendar"),
            extension_days=int(raw.get("extension_days", 0)),
            warn_days=int(raw.get("warn_days", 1)),
            origins=frozenset(raw.get("origins", ORIGINS)),
        )
    except KeyError as exc:
        raise ProcedureDataError(f"{where}: missing field {exc.args[0]!r}") from exc
    bad_events = sorted(({rule.starts_on} | rule.met_on) - EVENTS)
    if bad_events:
        known = ", ".join(sorted(EVENTS))
        raise ProcedureDataError(f"{where}: unknown event(s) {', '.join(bad_events)} (known: {known})")
    if rule.counting not in COUNTINGS:
        raise ProcedureDataError(f"{where}: counting must be one of {', '.join(COUNTINGS)}, not {rule.counting!r}")
    if rule.days < 1 or rule.extension_days < 0 or rule.warn_days < 0:
        raise ProcedureDataError(f"{where}: days must be at least 1, extension_days and warn_days at least 0")
    if not rule.origins <= set(ORIGINS):
        raise ProcedureDataError(f"{where}: origins must be among {', '.join(ORIGINS)}")
    return rule


def load_rules(path: Path = PROCEDURE_FILE) -> list[DeadlineRule]:
    with open(path, "rb") as handle:
        raw = tomllib.load(handle).get("deadlines", [])
    rules = [_rule(item, f"{path.name}, deadline {item.get('key', i + 1)!r}") for i, item in enumerate(raw)]
    keys = [rule.key for rule in rules]
    duplicated = sorted({key for key in keys if keys.count(key) > 1})
    if duplicated:
        raise ProcedureDataError(f"{path.name}: deadline key(s) used twice: {', '.join(duplicated)}")
    return rules


DEADLINE_RULES = load_rules()
RULE_BY_KEY = {rule.key: rule for rule in DEADLINE_RULES}


def rules_started_by(event: str, origin: str) -> list[DeadlineRule]:
    return [rule for rule in DEADLINE_RULES if rule.starts_on == event and rule.applies_to(origin)]


def rules_met_by(event: str) -> list[DeadlineRule]:
    return [rule for rule in DEADLINE_RULES if event in rule.met_on]


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
