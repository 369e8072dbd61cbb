"""Register numbers of reports and findings, in the regulation's form, without gaps or duplicates.

Each register (data/procedure.toml: "report", "finding" and their
"..._registered" registers) counts from 1 per year and office code. The next
number comes from a counter row that the allocating transaction updates
first: the UPDATE locks the row on PostgreSQL and takes SQLite's write lock,
so two offices' clerks never get the same number, and a transaction rolled
back gives its number back (no gap).
"""

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F

from .deadlines import PROCEDURE_FILE, ProcedureDataError

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
REGISTERS = ("report", "finding", "report_registered", "finding_registered")


@dataclass(frozen=True)
class Register:
    key: str
    name: str
    format: str


def format_number(register: Register, seq: int, day: date, office: str, scope: str) -> str:
    return register.format.format(
        seq=seq, office=office, scope=scope, month=day.month, month_roman=ROMAN_MONTHS[day.month - 1], year=day.year
    )


def load_registers(path: Path = PROCEDURE_FILE) -> dict[str, Register]:
    with open(path, "rb") as handle:
        raw = tomllib.load(handle).get("registers", {})
    missing = [key for key in REGISTERS if key not in raw]
    if missing:
        raise ProcedureDataError(f"{path.name}: register(s) {', '.join(missing)} missing")
    registers = {}
    for key, spec in raw.items():
        register = Register(key, spec.get("name", key), spec.get("format", ""))
        sample = date(2024, 11, 1)
        try:
            first = format_number(register, 1, sample, "00.00", "PB/Kab")
        except (KeyError, IndexError, ValueError) as exc:
            raise ProcedureDataError(
                f"{path.name}: register {key!r} format {register.format!r} is not valid "
                f"(fields: seq, office, scope, month, month_roman, year): {exc}"
            ) from exc
        if first == format_number(register, 2, sample, "00.00", "PB/Kab"):
            raise ProcedureDataError(f"{path.name}: register {key!r} format must contain {{seq}}")
        registers[key] = register
    return registers


@cache
def registers() -> dict[str, Register]:
    return load_registers()


def allocate(register_key: str, day: date) -> str:
    """The next number of the register for the office and `day`'s year; call inside the transaction that uses it."""
    from .models import RegisterCounter

    register = registers()[register_key]
    office = settings.PANTAU_OFFICE_CODE
    with transaction.atomic():
        key = {"register": register_key, "office": office, "year": day.year}
        RegisterCounter.objects.bulk_create([RegisterCounter(**key, last=0)], ignore_conflicts=True)
        RegisterCounter.objects.filter(**key).update(last=F("last") + 1)
        seq = RegisterCounter.objects.filter(**key).values_list("last", flat=True).get()
    return format_number(register, seq, day, office, settings.PANTAU_REGISTER_SCOPE)
