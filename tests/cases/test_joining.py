"""One case, many reports: a report about the same post, link or account is proposed, joined or kept apart."""

import pytest

from pantau.cases import domain, matching, services
from pantau.cases.models import CaseReport
from pantau.reports.models import Report

pytestmark = pytest.mark.django_db

POST_URL = "https://www.facebook.com/suarabartim/posts/123456"


@pytest.fixture
def post(db):
    from pantau.intake.models import Post
    from pantau.inventory.models import Account
    from pantau.lib.urls import normalize_url

    author = Account.objects.create(
        platform="facebook", platform_id="suarabartim", name="Suara Bartim", url="https://www.facebook.com/suarabartim"
    )
    return Post.objects.create(
        natural_key="t:1", platform="facebook", url=POST_URL, url_key=normalize_url(POST_URL), author=author, text="x"
    )


@pytest.fixture
def finding(analyst, post):
    return services.open_case(user=analyst, title="Temuan pos", posts=[post], accounts=[post.author])


def _second_report(make_report, link=POST_URL + "?mibextid=abc", **extra):
    return make_report(reported_links=link, name="Bambang Second", email="bambang@example.org", **extra)


class TestProposal:
    def test_it_proposes_a_report_naming_the_same_post_however_the_link_was_copied(self, make_report, finding, analyst):
        report = _second_report(make_report, link="https://m.facebook.com/suarabartim/posts/123456/?ref=share")
        assert [case for case, _why in matching.proposed_cases(report, analyst)] == [finding]
        assert [r for r, _why in matching.proposed_reports(finding)] == [report]

    def test_it_proposes_a_report_about_the_same_account(self, make_report, finding, analyst):
        report = _second_report(make_report, link="https://facebook.com/SuaraBartim")
        proposals = matching.proposed_cases(report, analyst)
        assert [case for case, _why in proposals] == [finding]
        assert any("Suara Bartim" in reason for reason in proposals[0][1])

    def test_it_proposes_nothing_for_a_report_about_something_else(self, make_report, finding, analyst):
        report = _second_report(make_report, link="https://facebook.com/orang.lain/posts/9")
        assert matching.proposed_cases(report, analyst) == []

    def test_it_proposes_a_report_for_another_reports_case_sharing_its_link(self, make_report, analyst):
        first = make_report(reported_links="https://x.com/akun/status/77")
        case = services.open_from_report(first, analyst)
        second = make_report(reported_links="https://twitter.com/akun/status/77")
        assert [c for c, _why in matching.proposed_cases(second, analyst)] == [case]

    def test_it_proposes_no_closed_case(self, make_report, finding, analyst):
        for step in (domain.INITIAL_REVIEW, domain.NOT_REGISTERED, domain.CLOSED):
            services.move(finding, step, analyst)
        assert matching.proposed_cases(_second_report(make_report), analyst) == []

    def test_it_shows_the_proposal_on_the_report_and_the_case(self, client_for, make_report, finding, analyst):
        report = _second_report(make_report)
        client = client_for(analyst)
        report_page = client.get(f"/lapor/staf/{report.pk}/").content.decode()
        assert finding.number in report_page and f"/kasus/{finding.pk}/laporan/" in report_page
        case_page = client.get(f"/kasus/{finding.pk}/").content.decode()
        assert 'class="proposed-report"' in case_page and str(report.pseudonym) in case_page
        # The case page names further reporters by pseudonym: never their name or receipt code.
        assert "Bambang" not in case_page and report.code not in case_page


class TestJoin:
    def test_it_joins_the_report_and_tells_the_reporter(
        self, client_for, make_report, finding, analyst, mailoutbox, django_capture_on_commit_callbacks
    ):
        report = _second_report(make_report)
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(analyst).post(
                f"/kasus/{finding.pk}/laporan/", {"report": report.pk, "decision": "joined"}
            )
        assert response.status_code == 302
        assert CaseReport.objects.get(case=finding, report=report).decision == CaseReport.Decision.JOINED
        assert matching.proposed_reports(finding) == []
        note = report.updates.last().public_note
        assert finding.number in note and "ditangani bersama" in note
        assert [m.to for m in mailoutbox] == [["bambang@example.org"]] and finding.number in mailoutbox[0].body
        status_page = client_for(None).get(f"/lapor/status/?kode={report.code}").content.decode()
        assert "ditangani bersama kasus" in status_page

    def test_it_moves_a_joined_report_with_the_case(self, make_report, finding, analyst):
        report = _second_report(make_report)
        services.join_report(finding, report, analyst)
        services.move(finding, domain.INITIAL_REVIEW, analyst)
        report.refresh_from_db()
        assert report.status == Report.Status.FINDING  # joined to the office's finding: taken up as one

    def test_it_sends_a_joined_reports_own_case_button_to_the_case(self, client_for, make_report, finding, analyst):
        report = _second_report(make_report)
        services.join_report(finding, report, analyst)
        response = client_for(analyst).post(f"/kasus/dari-laporan/{report.pk}/")
        assert response["Location"] == f"/kasus/{finding.pk}/" and not report.cases.exists()

    def test_it_keeps_a_report_apart_and_proposes_it_no_more(self, client_for, make_report, finding, analyst):
        report = _second_report(make_report)
        client_for(analyst).post(f"/kasus/{finding.pk}/laporan/", {"report": report.pk, "decision": "apart"})
        assert CaseReport.objects.get(case=finding, report=report).decision == CaseReport.Decision.KEPT_APART
        assert matching.proposed_reports(finding) == [] and matching.proposed_cases(report, analyst) == []
        assert "ditangani tersendiri" in report.updates.last().public_note
        report.refresh_from_db()
        assert report.status == Report.Status.RECEIVED

    def test_it_refuses_a_pokja_member(self, client_for, make_report, finding, analyst, pokja_member):
        services.assign(finding, analyst, agencies=[pokja_member.agency])
        report = _second_report(make_report)
        response = client_for(pokja_member).post(
            f"/kasus/{finding.pk}/laporan/", {"report": report.pk, "decision": "joined"}
        )
        assert response.status_code == 403 and not CaseReport.objects.exists()

    def test_it_answers_a_bad_form_with_a_message(self, client_for, finding, analyst):
        response = client_for(analyst).post(f"/kasus/{finding.pk}/laporan/", {"report": "x", "decision": "maybe"})
        assert response.status_code == 302 and not CaseReport.objects.exists()

    def test_it_answers_an_unknown_report_with_404(self, client_for, finding, analyst):
        response = client_for(analyst).post(f"/kasus/{finding.pk}/laporan/", {"report": 999999, "decision": "joined"})
        assert response.status_code == 404

    def test_it_joins_no_report_to_a_closed_case(self, client_for, make_report, finding, analyst):
        for step in (domain.INITIAL_REVIEW, domain.NOT_REGISTERED, domain.CLOSED):
            services.move(finding, step, analyst)
        report = _second_report(make_report)
        client_for(analyst).post(f"/kasus/{finding.pk}/laporan/", {"report": report.pk, "decision": "joined"})
        assert not CaseReport.objects.exists()
