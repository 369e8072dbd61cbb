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
    checks = _checks(anonymous=True)
    assert not checks["identity"].ok and "initial information" in str(checks["identity"].reason)
    assert requirements.information_reasons(list(checks.values())) == ["identity"]


def test_it_says_how_late_a_report_was_sent():
    check = _checks(today=date(2024, 10, 12))["deadline"]
    assert not check.ok and "Sent 10 day(s) after it became known, later than the 7 days" in str(check.reason)


@pytest.mark.parametrize(("day", "late"), [(9, False), (10, True)])
def test_it_lets_the_seventh_day_after_it_became_known_count_as_in_time(day, late):
    checks = list(_checks(known_on=date(2024, 10, 2), today=date(2024, 10, day)).values())
    assert requirements.information_reasons(checks) == (["deadline"] if late else [])


def test_it_keeps_a_late_report_as_initial_information_not_as_something_to_complete():
    checks = list(_checks(today=date(2024, 10, 20), evidence_count=0).values())
    assert requirements.information_reasons(checks) == ["deadline"]
    assert [c.key for c in requirements.to_complete(checks)] == ["evidence"]


def test_it_judges_the_deadline_on_the_day_the_report_was_sent_not_the_day_it_is_read():
    check = _checks(filed_on=date(2024, 10, 3), today=date(2024, 10, 30))["deadline"]
    assert check.ok and "within the 7 days" in str(check.reason)


def test_it_lets_the_reporter_add_the_date_they_learnt_of_it():
    checks = list(_checks(known_on=None).values())
    assert requirements.information_reasons(checks) == []
    assert [c.key for c in requirements.to_complete(checks)] == ["deadline"]


def test_it_lets_the_reporter_supply_missing_material_requirements():
    checks = list(_checks(reported=False, place=False, description="pendek", evidence_count=0).values())
    assert requirements.information_reasons(checks) == []
    missing = [c.key for c in requirements.to_complete(checks)]
    assert missing == ["reported", "time_place", "description", "evidence"]


def test_it_sorts_every_requirement_by_the_table():
    """One owner: each check's kind and what its absence means come from REQUIREMENTS."""
    unmet = _checks(
        anonymous=True, today=date(2024, 10, 20), reported=False, place=False, description="", evidence_count=0
    )
    for key, check in unmet.items():
        rule = requirements.REQUIREMENT_BY_KEY[key]
        assert (check.kind, check.remedy) == (rule.kind, rule.if_unmet), key


def test_it_names_what_is_missing():
    checks = _checks(place=False, evidence_count=0, has_address=False)
    assert "kecamatan" in str(checks["time_place"].reason)
    assert not checks["evidence"].ok
    assert "address" in str(checks["identity"].reason)
