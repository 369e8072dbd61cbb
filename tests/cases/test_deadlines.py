"""Every stage's deadline: started by the right event, met by the next, shown, warned of once, listed."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from pantau.cases import deadlines, domain, services
from pantau.cases.models import CaseDeadline
from pantau.dashboards.models import Notification
from tests.reports.conftest import upload

pytestmark = pytest.mark.django_db
TO_ASSESSMENT = (domain.INITIAL_REVIEW, domain.REGISTERED, domain.ASSESSMENT)
TO_REGISTERED = (domain.INITIAL_REVIEW, domain.REGISTERED)


def _walk(case, user, *steps):
    for step in steps:
        services.move(case, step, user)
    return case


def _running(case):
    return set(CaseDeadline.objects.filter(case=case, met_at__isnull=True).values_list("rule", flat=True))


def _due_day(case, rule):
    return timezone.localtime(CaseDeadline.objects.get(case=case, rule=rule).due_at).date()


class TestStages:
    def test_it_starts_the_first_review_when_the_report_reached_the_office(self, make_report, analyst):
        report = make_report([upload()])
        case = services.open_from_report(report, analyst)
        deadline = CaseDeadline.objects.get(case=case, rule="first_review")
        assert deadline.started_at == report.created_at
        assert _due_day(case, "first_review") == timezone.localtime(report.created_at).date() + timedelta(days=2)

    def test_it_asks_for_the_missing_requirements_when_the_reporter_can_still_add_them(self, make_report, analyst):
        case = _walk(services.open_from_report(make_report(), analyst), analyst, domain.INITIAL_REVIEW)  # no file
        assert _running(case) == {"first_review", "requirements"}

    def test_it_meets_the_requirements_clock_when_the_reporter_completes_the_report(self, make_report, analyst):
        from pantau.reports.services import complete_report

        report = make_report()  # no evidence file
        case = _walk(services.open_from_report(report, analyst), analyst, domain.INITIAL_REVIEW)
        complete_report(report, {"more_description": "Tangkapan layar terlampir."}, [upload()], ip="127.0.0.1")
        assert _running(case) == {"first_review"}

    def test_it_starts_no_requirements_clock_for_a_complete_report(self, make_report, analyst):
        case = _walk(services.open_from_report(make_report([upload()]), analyst), analyst, domain.INITIAL_REVIEW)
        assert _running(case) == {"first_review"}

    def test_it_starts_no_requirements_clock_for_an_anonymous_report(self, make_report, analyst):
        report = make_report(anonymous=True, name="", address="", phone="", email="")
        case = _walk(services.open_from_report(report, analyst), analyst, domain.INITIAL_REVIEW)
        assert _running(case) == {"first_review"}

    def test_it_gives_a_finding_seven_days_to_be_registered(self, analyst):
        case = services.open_case(user=analyst, title="Temuan")
        assert _running(case) == {"registration"}
        assert _due_day(case, "registration") == timezone.localdate() + timedelta(days=7)

    def test_it_meets_the_review_and_starts_the_study_at_registration(self, make_report, analyst):
        case = _walk(services.open_from_report(make_report(), analyst), analyst, domain.INITIAL_REVIEW)
        _walk(case, analyst, domain.REGISTERED)
        assert _running(case) == {"study"}
        assert not CaseDeadline.objects.filter(case=case, rule__in=["first_review", "requirements"], met_at=None)

    def test_it_starts_the_forwarding_clock_with_the_decision(self, analyst, coordinator):
        case = _walk(services.open_case(user=analyst, title="Temuan"), analyst, *TO_ASSESSMENT)
        services.move(case, domain.VIOLATION, coordinator)
        assert _running(case) == {"forwarding"}
        assert _due_day(case, "forwarding") == timezone.localdate() + timedelta(days=1)

    @pytest.mark.parametrize(
        ("target", "rule", "days"),
        [
            (domain.FORWARDED_GAKKUMDU, "follow_up_gakkumdu", 14),
            (domain.FORWARDED_KPU, "follow_up_kpu", 7),
        ],
    )
    def test_it_starts_the_receiving_agencys_clock_when_forwarded(self, analyst, coordinator, target, rule, days):
        case = _walk(services.open_case(user=analyst, title="Temuan"), analyst, *TO_ASSESSMENT)
        services.move(case, domain.VIOLATION, coordinator)
        services.move(case, target, coordinator)
        assert _running(case) == {rule}
        assert _due_day(case, rule) == timezone.localdate() + timedelta(days=days)

    def test_it_counts_another_agencys_follow_up_in_working_days(self, analyst, coordinator):
        case = _walk(services.open_case(user=analyst, title="Temuan"), analyst, *TO_ASSESSMENT)
        services.move(case, domain.VIOLATION, coordinator)
        services.move(case, domain.FORWARDED_OTHER, coordinator)
        deadline = CaseDeadline.objects.get(case=case, rule="follow_up_other")
        # 14 working days are at least two weeks and a weekend more.
        assert timezone.localtime(deadline.due_at).date() >= timezone.localdate() + timedelta(days=18)

    def test_it_meets_the_follow_up_when_the_agency_answers(self, analyst, coordinator):
        case = _walk(services.open_case(user=analyst, title="Temuan"), analyst, *TO_ASSESSMENT)
        services.move(case, domain.VIOLATION, coordinator)
        services.move(case, domain.FORWARDED_GAKKUMDU, coordinator)
        services.deadline_event(case, deadlines.AGENCY_ANSWERED)
        assert _running(case) == set()

    def test_it_opens_a_deadline_by_its_key_from_a_given_start(self, analyst):
        case = services.open_case(user=analyst, title="Temuan")
        started = timezone.now() - timedelta(days=3)
        deadline = services.open_deadline(case, "forwarding", started=started)
        assert deadline.started_at == started and services.open_deadline(case, "forwarding") == deadline

    def test_it_refuses_an_event_the_procedure_does_not_know(self, analyst):
        case = services.open_case(user=analyst, title="Temuan")
        with pytest.raises(ValueError, match="unknown deadline event"):
            services.deadline_event(case, "answered_by_agency")


class TestWarnings:
    def _due_soon(self, analyst):
        case = services.open_case(user=analyst, title="Temuan")
        CaseDeadline.objects.filter(case=case).update(due_at=timezone.now() + timedelta(hours=5))
        return case

    def test_it_notifies_the_assignees_in_the_app_once(self, analyst, coordinator):
        case = self._due_soon(analyst)
        services.assign(case, analyst, people=[analyst])
        services.warn()
        services.warn()
        [note] = Notification.objects.filter(user=analyst)
        assert case.reference in note.title and "Registrasi temuan" in note.body
        assert note.url == reverse("cases:detail", args=[case.pk])
        assert not Notification.objects.filter(user=coordinator).exists()

    def test_it_notifies_the_coordinators_when_nobody_is_assigned(self, analyst, coordinator):
        self._due_soon(analyst)
        services.warn()
        assert Notification.objects.filter(user=coordinator).count() == 1
        assert not Notification.objects.filter(user=analyst).exists()

    def test_it_warns_again_after_an_extension(self, analyst, coordinator):
        case = _walk(
            services.open_case(user=analyst, title="Temuan"), analyst, domain.INITIAL_REVIEW, domain.REGISTERED
        )
        CaseDeadline.objects.filter(case=case, rule="study").update(due_at=timezone.now() + timedelta(hours=5))
        services.warn()
        services.extend(case, "study", analyst, "Perlu keterangan tambahan")
        CaseDeadline.objects.filter(case=case, rule="study").update(due_at=timezone.now() + timedelta(hours=6))
        services.warn()
        assert Notification.objects.filter(user=coordinator).count() == 2


class TestCommand:
    def test_it_lists_a_deadline_with_register_number_stage_due_time_and_state(self, analyst):
        case = _walk(
            services.open_case(user=analyst, title="Temuan"), analyst, domain.INITIAL_REVIEW, domain.REGISTERED
        )
        out = io.StringIO()
        call_command("cases", "deadlines", stdout=out)
        header, _rule, row = out.getvalue().splitlines()
        assert header.split()[:3] == ["register", "number", "stage"]
        due = timezone.localtime(CaseDeadline.objects.get(case=case, rule="study").due_at)
        assert row.startswith(case.register_number) and "Kajian dan putusan" in row
        assert f"{due:%Y-%m-%d} 23:59 WIB" in row and "running" in row

    def test_it_lists_met_deadlines_only_when_asked(self, analyst):
        _walk(services.open_case(user=analyst, title="Temuan"), analyst, *TO_REGISTERED)
        out, everything = io.StringIO(), io.StringIO()
        call_command("cases", "deadlines", stdout=out)
        call_command("cases", "deadlines", "--all", stdout=everything)
        assert "Registrasi temuan" not in out.getvalue()
        assert "Registrasi temuan" in everything.getvalue() and "met" in everything.getvalue()

    def test_it_says_when_nothing_is_due(self, db):
        out = io.StringIO()
        call_command("cases", "deadlines", stdout=out)
        assert out.getvalue().strip() == "no open deadlines"

    def test_it_lists_a_deadline_of_every_stage_on_the_demo_data(self, make_user):
        from pantau.cases.demo import load as load_cases
        from pantau.reports.demo import load as load_reports

        make_user("analis", "analyst")
        make_user("koordinator", "coordinator")
        load_reports(io.StringIO(), {})
        load_cases(io.StringIO(), {})
        out = io.StringIO()
        call_command("cases", "deadlines", stdout=out)
        listed = {line.split()[-1] for line in out.getvalue().splitlines()[2:]}
        assert listed == {rule.key for rule in deadlines.DEADLINE_RULES}


class TestCasePage:
    def test_it_shows_every_deadline_with_its_rule(self, client_for, analyst):
        case = _walk(
            services.open_case(user=analyst, title="Temuan"), analyst, domain.INITIAL_REVIEW, domain.REGISTERED
        )
        body = client_for(analyst).get(reverse("cases:detail", args=[case.pk])).content.decode()
        assert case.register_number in body and case.number in body
        assert "Kajian dan putusan" in body and "3 hari kalender" in body and "Pasal 134 ayat (5)" in body
        assert "Registrasi temuan" in body and "Terpenuhi" in body

    def test_it_finds_a_case_by_its_register_number(self, client_for, analyst):
        case = _walk(
            services.open_case(user=analyst, title="Dicari"), analyst, domain.INITIAL_REVIEW, domain.REGISTERED
        )
        services.open_case(user=analyst, title="Lainnya")
        body = client_for(analyst).get(reverse("cases:list"), {"q": case.register_number}).content.decode()
        assert "Dicari" in body and "Lainnya" not in body

    def test_it_shows_the_rules_with_their_day_counting(self, client_for, analyst):
        body = client_for(analyst).get(reverse("cases:deadlines")).content.decode()
        assert "14 hari kerja" in body and "dapat diperpanjang 2 hari" in body
