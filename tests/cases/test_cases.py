"""Case pages, the procedure, deadlines and notifications."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from pantau.cases import domain, services
from pantau.cases.models import Case, CaseDeadline
from pantau.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(make_report, analyst):
    return services.open_from_report(make_report(), analyst)


def _walk(case, user, *steps):
    for step in steps:
        services.move(case, step, user)
    return case


class TestList:
    def test_it_lists_cases_for_an_analyst(self, client_for, analyst, case):
        response = client_for(analyst).get("/kasus/")
        assert response.status_code == 200 and case.number in response.content.decode()

    def test_it_sends_anonymous_visitors_to_login(self, client_for, db):
        assert client_for(None).get("/kasus/").status_code == 302

    def test_it_refuses_the_admin(self, client_for, admin_user):
        assert client_for(admin_user).get("/kasus/").status_code == 403

    def test_it_shows_a_pokja_member_only_their_agencys_cases(self, client_for, pokja_member, case, analyst):
        other = services.open_case(user=analyst, title="Temuan lain")
        services.assign(case, analyst, agencies=[pokja_member.agency])
        body = client_for(pokja_member).get("/kasus/").content.decode()
        assert case.number in body and other.number not in body


class TestDetail:
    def test_it_shows_the_timeline(self, client_for, analyst, case):
        _walk(case, analyst, domain.INITIAL_REVIEW)
        body = client_for(analyst).get(f"/kasus/{case.pk}/").content.decode()
        assert "Kajian awal" in body and 'id="timeline"' in body

    def test_it_hides_the_reporter_from_a_pokja_member(self, client_for, pokja_member, analyst, case):
        services.assign(case, analyst, agencies=[pokja_member.agency])
        response = client_for(pokja_member).get(f"/kasus/{case.pk}/")
        body = response.content.decode()
        assert response.status_code == 200 and "Siti" not in body and "Pelapor #" in body
        assert "/status/" not in body

    def test_it_refuses_a_pokja_member_of_another_agency(
        self, client_for, other_pokja_member, pokja_member, analyst, case
    ):
        services.assign(case, analyst, agencies=[pokja_member.agency])
        assert client_for(other_pokja_member).get(f"/kasus/{case.pk}/").status_code == 404

    def test_it_refuses_the_admin(self, client_for, admin_user, case):
        assert client_for(admin_user).get(f"/kasus/{case.pk}/").status_code == 403

    def test_it_sends_anonymous_visitors_to_login(self, client_for, case):
        assert client_for(None).get(f"/kasus/{case.pk}/").status_code == 302


class TestCreate:
    def test_it_opens_a_case_from_a_report(self, client_for, analyst, make_report):
        report = make_report()
        response = client_for(analyst).post(f"/kasus/dari-laporan/{report.pk}/")
        case = Case.objects.get()
        assert response.status_code == 302 and case.report == report and case.origin == "report"

    def test_it_opens_no_second_case_for_the_same_report(self, client_for, analyst, case):
        response = client_for(analyst).post(f"/kasus/dari-laporan/{case.report_id}/")
        assert response["Location"] == f"/kasus/{case.pk}/" and Case.objects.count() == 1

    @pytest.mark.parametrize("role", ["admin", "pokja"])
    def test_it_refuses_others_to_open_a_case_from_a_report(self, client_for, users, make_report, role):
        report = make_report()
        assert client_for(users[role]).post(f"/kasus/dari-laporan/{report.pk}/").status_code == 403

    def test_it_opens_a_case_from_a_finding(self, client_for, analyst):
        response = client_for(analyst).post(
            "/kasus/temuan/",
            {"title": "Serangan fajar", "summary": "Dugaan bagi-bagi uang", "violations": ["politik_uang"]},
        )
        case = Case.objects.get()
        assert response.status_code == 302 and case.origin == "finding" and case.violations == ["politik_uang"]

    @pytest.mark.parametrize("role", ["admin", "pokja"])
    def test_it_refuses_others_to_open_a_finding(self, client_for, users, role):
        assert client_for(users[role]).get("/kasus/temuan/").status_code == 403

    def test_it_sends_anonymous_visitors_to_login(self, client_for, db):
        assert client_for(None).get("/kasus/temuan/").status_code == 302


class TestMove:
    def test_it_moves_a_case_along_the_procedure(self, client_for, analyst, case):
        response = client_for(analyst).post(f"/kasus/{case.pk}/status/", {"target": "initial_review", "note": "cek"})
        case.refresh_from_db()
        assert response.status_code == 302 and case.status == "initial_review"

    def test_it_refuses_a_step_outside_the_procedure(self, client_for, analyst, case):
        client_for(analyst).post(f"/kasus/{case.pk}/status/", {"target": "violation"})
        case.refresh_from_db()
        assert case.status == "received"

    def test_it_leaves_decisions_to_a_coordinator(self, client_for, analyst, coordinator, case):
        _walk(case, analyst, domain.INITIAL_REVIEW, domain.REGISTERED, domain.ASSESSMENT)
        assert client_for(analyst).post(f"/kasus/{case.pk}/status/", {"target": "violation"}).status_code == 403
        assert client_for(coordinator).post(f"/kasus/{case.pk}/status/", {"target": "violation"}).status_code == 302
        case.refresh_from_db()
        assert case.status == "violation"

    @pytest.mark.parametrize("role", ["admin", "pokja"])
    def test_it_refuses_others(self, client_for, users, analyst, case, role):
        services.assign(case, analyst, agencies=[users["pokja"].agency])
        assert (
            client_for(users[role]).post(f"/kasus/{case.pk}/status/", {"target": "initial_review"}).status_code == 403
        )

    def test_it_sends_anonymous_visitors_to_login(self, client_for, case):
        assert client_for(None).post(f"/kasus/{case.pk}/status/", {"target": "initial_review"}).status_code == 302

    def test_it_updates_the_reporters_status_page(self, client_for, analyst, case):
        services.move(case, domain.INITIAL_REVIEW, analyst, public_note="Laporan Anda sedang dikaji.")
        body = client_for(None).get(f"/lapor/status/?kode={case.report.code}").content.decode()
        assert "Dalam kajian awal" in body and "Laporan Anda sedang dikaji." in body

    def test_it_emails_the_reporter_when_the_status_changes(
        self, smtp_server, analyst, case, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            services.move(case, domain.INITIAL_REVIEW, analyst)
        assert len(smtp_server) == 1
        message = smtp_server[0]
        assert "siti@example.org" in str(message["To"]) and case.report.code in str(message["Subject"])

    def test_it_closes_the_report_with_the_case(self, analyst, coordinator, case):
        _walk(case, analyst, domain.INITIAL_REVIEW, domain.NOT_REGISTERED, domain.CLOSED)
        report = Report.objects.get(pk=case.report_id)
        assert report.status == "closed" and report.closed_at is not None


class TestOtherActions:
    def test_it_assigns_people_and_mails_them(
        self, client_for, analyst, coordinator, case, smtp_server, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(analyst).post(f"/kasus/{case.pk}/tugaskan/", {"people": [coordinator.pk]})
        assert response.status_code == 302
        assert list(case.assignees.all()) == [coordinator]
        assert any("koordinator@example.org" in str(m["To"]) for m in smtp_server)

    def test_it_adds_a_note_to_the_timeline(self, client_for, analyst, case):
        client_for(analyst).post(f"/kasus/{case.pk}/catatan/", {"text": "Saksi dihubungi"})
        assert case.events.filter(kind="note", text="Saksi dihubungi").exists()

    def test_it_records_the_outcome_and_public_note(self, client_for, analyst, case):
        client_for(analyst).post(
            f"/kasus/{case.pk}/hasil/", {"outcome": "Diteruskan", "public_note": "Terima kasih", "violations": ["sara"]}
        )
        case.refresh_from_db()
        assert case.violations == ["sara"] and case.public_note == "Terima kasih"
        assert case.report.updates.filter(public_note="Terima kasih").exists()

    def test_it_attaches_a_file_through_the_evidence_store(self, client_for, analyst, case):
        from tests.reports.conftest import upload

        client_for(analyst).post(f"/kasus/{case.pk}/lampiran/", {"file": upload()})
        assert case.attachments.count() == 1

    def test_it_refuses_a_fake_image_attachment(self, client_for, analyst, case):
        from tests.reports.conftest import upload

        response = client_for(analyst).post(f"/kasus/{case.pk}/lampiran/", {"file": upload("x.jpg", b"not an image")})
        assert response.status_code == 302 and case.attachments.count() == 0

    @pytest.mark.parametrize("action", ["tugaskan", "catatan", "hasil", "perpanjang", "lampiran"])
    @pytest.mark.parametrize("role", ["admin", "pokja"])
    def test_it_refuses_others(self, client_for, users, analyst, case, action, role):
        services.assign(case, analyst, agencies=[users["pokja"].agency])
        assert client_for(users[role]).post(f"/kasus/{case.pk}/{action}/", {}).status_code == 403

    @pytest.mark.parametrize("action", ["tugaskan", "catatan", "hasil", "perpanjang", "lampiran"])
    def test_it_sends_anonymous_visitors_to_login(self, client_for, case, action):
        assert client_for(None).post(f"/kasus/{case.pk}/{action}/", {}).status_code == 302


class TestDeadlines:
    def test_it_starts_the_study_clock_at_registration(self, analyst, case):
        _walk(case, analyst, domain.INITIAL_REVIEW, domain.REGISTERED)
        deadline = CaseDeadline.objects.get(case=case, rule="study")
        assert timezone.localtime(deadline.due_at).date() == timezone.localdate() + timedelta(days=3)

    def test_it_meets_the_deadline_with_the_decision(self, analyst, coordinator, case):
        _walk(case, analyst, domain.INITIAL_REVIEW, domain.REGISTERED, domain.ASSESSMENT)
        services.move(case, domain.NO_VIOLATION, coordinator)
        assert CaseDeadline.objects.get(case=case, rule="study").met_at is not None
        assert services.open_deadlines() == []

    def test_it_extends_the_deadline_once(self, client_for, analyst, case):
        _walk(case, analyst, domain.INITIAL_REVIEW, domain.REGISTERED)
        before = CaseDeadline.objects.get(case=case, rule="study").due_at
        client_for(analyst).post(f"/kasus/{case.pk}/perpanjang/", {"rule": "study", "reason": "Perlu keterangan"})
        after = CaseDeadline.objects.get(case=case, rule="study")
        assert after.extended and after.due_at - before == timedelta(days=2)
        with pytest.raises(ValueError):
            services.extend(case, "study", analyst, "lagi")

    def test_it_shows_a_warning_before_the_deadline_passes(self, client_for, analyst, case):
        _walk(case, analyst, domain.INITIAL_REVIEW, domain.REGISTERED)
        CaseDeadline.objects.filter(case=case).update(due_at=timezone.now() + timedelta(hours=5))
        body = client_for(analyst).get("/kasus/tenggat/").content.decode()
        assert "Peringatan" in body and case.register_number in body

    def test_it_mails_the_assignees_once(self, analyst, coordinator, case, smtp_server):
        _walk(case, analyst, domain.INITIAL_REVIEW, domain.REGISTERED)
        services.assign(case, analyst, people=[coordinator])
        smtp_server.clear()
        CaseDeadline.objects.filter(case=case).update(due_at=timezone.now() + timedelta(hours=5))
        call_command("cases", "warn")
        call_command("cases", "warn")
        assert len(smtp_server) == 1 and case.register_number in str(smtp_server[0]["Subject"])
        assert case.events.filter(kind="warned").count() == 1

    def test_it_does_not_warn_early(self, analyst, coordinator, case, smtp_server):
        _walk(case, analyst, domain.INITIAL_REVIEW, domain.REGISTERED)
        services.assign(case, analyst, people=[coordinator])
        smtp_server.clear()
        assert services.warn() == 0 and smtp_server == []

    def test_it_lists_deadlines_on_the_command_line(self, analyst, case, capsys):
        _walk(case, analyst, domain.INITIAL_REVIEW, domain.REGISTERED)
        call_command("cases", "deadlines")
        assert case.register_number in capsys.readouterr().out

    def test_it_refuses_the_deadlines_page_to_the_admin(self, client_for, admin_user):
        assert client_for(admin_user).get("/kasus/tenggat/").status_code == 403

    def test_it_sends_anonymous_visitors_to_login(self, client_for, db):
        assert client_for(None).get("/kasus/tenggat/").status_code == 302


class TestApi:
    def test_it_lists_cases_with_their_timeline(self, api_client_for, analyst, case):
        data = api_client_for(analyst).get("/api/cases/").json()
        assert data["results"][0]["number"] == case.number and data["results"][0]["events"]

    def test_it_gives_the_receipt_code_to_a_handler(self, api_client_for, analyst, case):
        data = api_client_for(analyst).get(f"/api/cases/{case.pk}/").json()
        assert data["report_code"] == case.report.code

    def test_it_hides_the_receipt_code_from_the_agency_it_is_shared_with(
        self, api_client_for, pokja_member, analyst, case
    ):
        services.assign(case, analyst, agencies=[pokja_member.agency])
        response = api_client_for(pokja_member).get(f"/api/cases/{case.pk}/")
        assert response.status_code == 200 and response.json()["report_code"] is None
        assert case.report.code not in response.content.decode()

    def test_it_moves_a_case(self, api_client_for, analyst, case):
        response = api_client_for(analyst).post(
            f"/api/cases/{case.pk}/move/", {"status": "initial_review"}, format="json"
        )
        assert response.status_code == 200 and response.json()["status"] == "initial_review"

    def test_it_refuses_an_illegal_step_in_the_error_shape(self, api_client_for, analyst, case):
        response = api_client_for(analyst).post(f"/api/cases/{case.pk}/move/", {"status": "closed"}, format="json")
        assert response.status_code == 400 and "error" in response.json()

    def test_it_refuses_a_pokja_member_to_move(self, api_client_for, pokja_member, analyst, case):
        services.assign(case, analyst, agencies=[pokja_member.agency])
        response = api_client_for(pokja_member).post(
            f"/api/cases/{case.pk}/move/", {"status": "initial_review"}, format="json"
        )
        assert response.status_code == 403

    @pytest.mark.parametrize("who", [None, "admin"])
    def test_it_refuses_outsiders(self, api_client_for, users, case, who):
        assert api_client_for(users.get(who)).get("/api/cases/").status_code in (401, 403)


def test_it_counts_cases_in_office_stats(case):
    from pantau.core.stats import office_stats

    assert office_stats()["cases"] == 1


class TestWarningsWithoutAMailServer:
    def test_it_keeps_a_refused_warning_for_the_next_run_and_says_why(
        self, analyst, coordinator, case, smtp_server, settings
    ):
        from django.core.management.base import CommandError

        _walk(case, analyst, domain.INITIAL_REVIEW, domain.REGISTERED)
        services.assign(case, analyst, people=[coordinator])
        CaseDeadline.objects.filter(case=case).update(due_at=timezone.now() + timedelta(hours=5))
        smtp_server.clear()
        working_port, settings.EMAIL_PORT = settings.EMAIL_PORT, 9  # nothing listens on the discard port
        with pytest.raises(
            CommandError, match=f"{re.escape(case.reference)}.*will retry|will retry.*{re.escape(case.reference)}"
        ):
            call_command("cases", "warn")
        assert CaseDeadline.objects.get(case=case, rule="study").warned_at is None
        settings.EMAIL_PORT = working_port
        call_command("cases", "warn")
        assert len(smtp_server) == 1 and case.events.filter(kind="warned").count() == 1
