from datetime import date

import pytest

from pantau.reports import requirements
from pantau.reports.codes import ALPHABET, new_code, normalize_code


@pytest.fixture(autouse=True)
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


def test_it_makes_codes_without_ambiguous_characters():
    code = new_code("BTM")
    prefix, *groups = code.split("-")
    assert prefix == "BTM" and [len(g) for g in groups] == [4, 4]
    assert all(ch in ALPHABET for ch in "".join(groups))
    assert not set("01OIL") & set(ALPHABET)


def test_it_makes_different_codes():
    assert len({new_code("BTM") for _ in range(200)}) == 200


@pytest.mark.parametrize("typed", ["btm-7k2q-9xhd", "BTM7K2Q9XHD", " btm 7k2q 9xhd ", "7K2Q-9XHD"])
def test_it_accepts_codes_in_any_case_and_without_hyphens(typed):
    assert normalize_code(typed, "BTM") == "BTM-7K2Q-9XHD"


@pytest.mark.parametrize("typed", ["BTM-7K2Q-9XH", "BTM-7K2Q-9XH0", "", "'; drop table"])
def test_it_refuses_what_cannot_be_a_code(typed):
    assert normalize_code(typed, "BTM") == ""


def test_it_computes_the_seven_day_reporting_deadline():
    assert requirements.reporting_deadline(date(2024, 10, 1)) == date(2024, 10, 8)
    assert requirements.days_left(date(2024, 10, 1), date(2024, 10, 8)) == 0
    assert requirements.days_left(date(2024, 10, 1), date(2024, 10, 10)) == -2


def _checks(**overrides):
    values = dict(
        anonymous=False,
        has_name=True,
        has_address=True,
        has_contact=True,
        reported=True,
        occurred_on=date(2024, 10, 1),
        known_on=date(2024, 10, 2),
        place=True,
        description="x" * 40,
        evidence_count=1,
        today=date(2024, 10, 3),
    )
    values.update(overrides)
    return {c.key: c for c in requirements.check_report(**values)}


def test_it_finds_a_complete_report_complete():
    assert all(c.ok for c in _checks().values())


def test_it_treats_an_anonymous_report_as_initial_information():
    check = _checks(anonymous=True)["identity"]
    assert not check.ok and "initial information" in str(check.reason)


def test_it_says_how_late_a_report_is():
    check = _checks(today=date(2024, 10, 12))["deadline"]
    assert not check.ok and "3 day(s) late" in str(check.reason)


def test_it_names_what_is_missing():
    checks = _checks(place=False, evidence_count=0, has_address=False)
    assert "kecamatan" in str(checks["time_place"].reason)
    assert not checks["evidence"].ok
    assert "address" in str(checks["identity"].reason)
