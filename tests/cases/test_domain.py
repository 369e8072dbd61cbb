from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from pantau.cases import deadlines, domain

JAKARTA = ZoneInfo("Asia/Jakarta")


def test_it_allows_only_the_steps_of_the_procedure():
    domain.check_transition(domain.RECEIVED, domain.INITIAL_REVIEW)
    with pytest.raises(domain.IllegalTransition):
        domain.check_transition(domain.RECEIVED, domain.VIOLATION)


def test_it_closes_nothing_after_closing():
    assert domain.TRANSITIONS[domain.CLOSED] == set()


def test_it_has_a_transition_row_for_every_status():
    statuses = {s for s, _ in domain.STATUSES}
    assert set(domain.TRANSITIONS) == statuses
    assert all(targets <= statuses for targets in domain.TRANSITIONS.values())


def test_it_maps_every_status_to_a_public_status():
    from pantau.reports.models import Report

    assert {domain.PUBLIC_STATUS[s] for s, _ in domain.STATUSES} <= set(Report.Status.values)


def test_it_names_the_legal_basis_of_every_violation():
    labels = {v.label for v in domain.VIOLATIONS}
    assert labels == {
        "sara",
        "penghinaan",
        "hasutan",
        "kekerasan",
        "hoaks",
        "politik_uang",
        "netralitas",
        "luar_jadwal",
    }
    assert all(v.basis for v in domain.VIOLATIONS)


@pytest.mark.parametrize(("now_day", "state"), [(5, "running"), (7, "due_soon"), (8, "overdue")])
def test_it_tells_when_a_deadline_is_close(now_day, state):
    due = datetime(2024, 10, 7, 23, 59, 59, tzinfo=JAKARTA)
    now = datetime(2024, 10, now_day, 12, 0, tzinfo=JAKARTA)
    assert deadlines.deadline_state(due, now, 1, False) == state
