"""Day counting as the regulation does it (Django-free parts of the deadlines)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from pantau.cases import deadlines, workdays
from pantau.cases.workdays import add_days

WIB = ZoneInfo("Asia/Jakarta")


def test_it_counts_three_calendar_days_to_the_end_of_the_day():
    due = deadlines.due_date(deadlines.RULE_BY_KEY["study"], datetime(2024, 10, 4, 10, 0, tzinfo=WIB))  # a Friday
    assert due == datetime(2024, 10, 7, 23, 59, 59, tzinfo=WIB)


def test_it_adds_the_two_day_extension():
    rule = deadlines.RULE_BY_KEY["study"]
    due = deadlines.due_date(rule, datetime(2024, 10, 4, 10, 0, tzinfo=WIB), extended=True)
    assert due.date().isoformat() == "2024-10-09"


def test_it_skips_the_weekend_when_counting_working_days():
    due = add_days(datetime(2024, 10, 4, 10, 0, tzinfo=WIB), 3, working_days=True)  # Friday -> Mon, Tue, Wed
    assert due.date().isoformat() == "2024-10-09"


def test_it_skips_a_weekend_and_the_pilkada_voting_holiday():
    # Friday 22 Nov 2024: Saturday and Sunday do not count, Wednesday 27 Nov (voting day) is a holiday.
    due = add_days(datetime(2024, 11, 22, 16, 0, tzinfo=WIB), 3, working_days=True)
    assert due == datetime(2024, 11, 28, 23, 59, 59, tzinfo=WIB)


def test_it_counts_holidays_and_weekends_as_calendar_days():
    assert add_days(datetime(2024, 11, 22, 16, 0, tzinfo=WIB), 3).date().isoformat() == "2024-11-25"


def test_it_reads_the_national_holidays_from_the_data_file():
    assert date(2024, 12, 25) in workdays.holidays()[2024]
    assert not workdays.is_working_day(date(2024, 8, 17))
    assert workdays.is_working_day(date(2024, 8, 19))


def test_it_names_the_years_the_holiday_list_does_not_cover():
    assert workdays.missing_years([2024, 2099]) == [2099]


def test_it_refuses_a_holiday_file_with_a_bad_date(tmp_path):
    path = tmp_path / "holidays.toml"
    path.write_text('[holidays]\n2024 = ["2024-02-30"]\n')
    with pytest.raises(workdays.HolidayDataError, match="2024"):
        workdays.load_holidays(path)


def test_it_refuses_a_holiday_filed_under_another_year(tmp_path):
    path = tmp_path / "holidays.toml"
    path.write_text('[holidays]\n2025 = ["2024-12-25"]\n')
    with pytest.raises(workdays.HolidayDataError, match="2024-12-25 listed under 2025"):
        workdays.load_holidays(path)


RULE = """
[[deadlines]]
key = "x"
name = "X"
basis = "UU"
starts_on = "{start}"
met_on = ["closed"]
days = 3
counting = "{counting}"
"""


@pytest.mark.parametrize(
    ("start", "counting", "message"),
    [("registred", "calendar", "unknown event.*registred"), ("registered", "workdays", "counting must be one of")],
)
def test_it_refuses_a_procedure_file_with_a_typo(tmp_path, start, counting, message):
    path = tmp_path / "procedure.toml"
    path.write_text(RULE.format(start=start, counting=counting))
    with pytest.raises(deadlines.ProcedureDataError, match=message):
        deadlines.load_rules(path)


def test_it_refuses_an_unknown_field_in_a_rule(tmp_path):
    path = tmp_path / "procedure.toml"
    path.write_text(RULE.format(start="registered", counting="calendar") + "working_day = true\n")
    with pytest.raises(deadlines.ProcedureDataError, match="unknown field.*working_day"):
        deadlines.load_rules(path)


def test_the_shipped_rules_cover_every_stage_of_the_procedure():
    keys = {rule.key for rule in deadlines.DEADLINE_RULES}
    assert keys >= {"first_review", "requirements", "registration", "study", "forwarding"}
    assert {"follow_up_kpu", "follow_up_gakkumdu", "follow_up_other"} <= keys
    assert all(rule.basis and rule.name_id and rule.name_en for rule in deadlines.DEADLINE_RULES)
    assert deadlines.RULE_BY_KEY["study"].extension_days == 2


def test_pantau_check_warns_when_next_years_holidays_are_missing(monkeypatch):
    from pantau.cases import selfcheck

    monkeypatch.setattr(workdays, "holidays", lambda: {2026: frozenset()})
    monkeypatch.setattr(selfcheck.timezone, "localdate", lambda: date(2026, 12, 2))
    ok, detail = selfcheck._holidays()
    assert ok is None and "2027" in detail
