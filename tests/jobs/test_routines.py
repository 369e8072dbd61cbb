"""Routines: work the worker does on a clock, once per period however many workers run."""

import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from pantau.core.seams import seams
from pantau.jobs.models import RoutineRun
from pantau.jobs.routines import claim, routine_loop, routines, run_due_routines

pytestmark = pytest.mark.django_db


@pytest.fixture
def only_test_routines(monkeypatch):
    """Replace the apps' routines with the ones a test registers."""
    monkeypatch.setattr(seams.routines, "contributions", [])


@pytest.fixture
def counter(only_test_routines):
    calls = []

    @seams.routines("test.count", "Count", every=timedelta(minutes=15))
    def count():
        calls.append(1)
        return len(calls)

    return calls


def test_it_runs_a_routine_once_per_period(counter):
    now = timezone.now()
    assert run_due_routines(now) == ["test.count"]
    assert run_due_routines(now + timedelta(minutes=14)) == []
    assert run_due_routines(now + timedelta(minutes=15)) == ["test.count"]
    assert len(counter) == 2
    run = RoutineRun.objects.get(name="test.count")
    assert run.result == "2" and run.finished_at is not None


def test_it_lets_only_one_of_two_workers_claim_a_due_routine(counter):
    item = routines()["test.count"]
    now = timezone.now()
    assert [claim(item, now), claim(item, now)] == [True, False]


def test_it_records_a_failing_routine_and_still_runs_the_others(only_test_routines, counter):
    @seams.routines("test.broken", "Broken", every=timedelta(minutes=15))
    def broken():
        raise RuntimeError("mail server away")

    assert sorted(run_due_routines()) == ["test.broken", "test.count"]
    assert "mail server away" in RoutineRun.objects.get(name="test.broken").error
    assert counter == [1]


def test_the_command_runs_every_routine_when_asked_and_says_so(counter, capsys):
    call_command("routines", "run")
    call_command("routines", "run", "--all")
    assert len(counter) == 2
    call_command("routines")
    assert "test.count\tevery 15 minutes\tlast" in capsys.readouterr().out


def test_the_command_fails_when_a_routine_fails(only_test_routines):
    @seams.routines("test.broken", "Broken", every=timedelta(minutes=15))
    def broken():
        raise RuntimeError("mail server away")

    with pytest.raises(CommandError, match="test.broken"):
        call_command("routines", "run")


def test_the_apps_register_deadline_warnings_alerts_and_identity_erasure():
    assert {"cases.warn", "dashboards.action_deadlines", "reports.purge_identities"} <= set(routines())


@pytest.mark.django_db(transaction=True)
def test_the_worker_loop_mails_a_case_deadline_warning_without_anyone_running_a_command(
    smtp_server, make_report, analyst, coordinator
):
    from pantau.cases import domain, services
    from pantau.cases.models import CaseDeadline

    case = services.open_from_report(make_report(), analyst)
    services.move(case, domain.INITIAL_REVIEW, analyst)
    services.move(case, domain.REGISTERED, analyst)
    services.assign(case, analyst, people=[coordinator])
    CaseDeadline.objects.filter(case=case).update(due_at=timezone.now() + timedelta(hours=5))
    smtp_server.clear()
    stop = threading.Event()
    worker = threading.Thread(target=routine_loop, args=(stop,))
    worker.start()
    try:
        for _ in range(100):
            if smtp_server:
                break
            stop.wait(0.1)
    finally:
        stop.set()
        worker.join(5)
    assert len(smtp_server) == 1 and case.reference in str(smtp_server[0]["Subject"])


class TestJobsPage:
    def test_it_shows_office_staff_when_each_routine_last_ran(self, client_for, analyst):
        run_due_routines()
        body = client_for(analyst).get("/jobs/").content.decode()
        assert "Pekerjaan rutin" in body and "Peringatan tenggat kasus" in body

    def test_it_does_not_show_routines_to_a_pokja_member(self, client_for, pokja_member):
        body = client_for(pokja_member).get("/jobs/").content.decode()
        assert "Pekerjaan rutin" not in body
