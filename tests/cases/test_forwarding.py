"""Forwarding a decided case: the letter, the receiving agency's members told, the answer and its deadline."""

import pytest

from pantau.cases import domain, services
from pantau.cases.forwarding import ForwardingRefused, forward
from pantau.cases.models import CaseDeadline, Forwarding
from tests.documents.test_documents import docx_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(make_report, analyst, coordinator):
    """A report's case decided to be a violation (SARA)."""
    case = services.open_from_report(make_report(), analyst)
    case.violations = ["sara"]
    case.save()
    for step in (domain.INITIAL_REVIEW, domain.REGISTERED, domain.ASSESSMENT):
        services.move(case, step, analyst)
    services.move(case, domain.VIOLATION, coordinator)
    return case


def _letter(forwarding, user, fmt="docx"):
    from pantau.documents.services import generate

    return generate("forwarding", fmt, {"forwarding": forwarding.pk}, user=user)[1]


class TestForward:
    def test_it_forwards_to_gakkumdu_with_a_numbered_letter_and_the_investigation_deadline(self, decided, coordinator):
        forwarding = forward(decided, coordinator, "gakkumdu")
        decided.refresh_from_db()
        assert decided.status == domain.FORWARDED_GAKKUMDU
        assert forwarding.number and forwarding.number.startswith("001/")
        assert {a.code for a in forwarding.agencies.all()} == {"polres", "kejaksaan"}
        assert {a.code for a in decided.agencies.all()} >= {"polres", "kejaksaan"}
        rules = dict(CaseDeadline.objects.filter(case=decided).values_list("rule", "met_at"))
        assert rules["forwarding"] is not None and rules["follow_up_gakkumdu"] is None
        assert forwarding.deadline.rule == "follow_up_gakkumdu"

    def test_it_tells_the_receiving_agencys_pokja_members_in_the_app_and_by_mail(
        self, decided, coordinator, other_pokja_member, pokja_member, mailoutbox, django_capture_on_commit_callbacks
    ):
        from pantau.dashboards.models import Notification

        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            forward(decided, coordinator, "gakkumdu")
        note = Notification.objects.get(user=other_pokja_member)  # Polres
        assert decided.reference in note.title and note.url == f"/kasus/{decided.pk}/"
        assert not Notification.objects.filter(user=pokja_member).exists()  # Diskominfo is not Gakkumdu
        mails = [m for m in mailoutbox if other_pokja_member.email in m.to]
        assert len(mails) == 1 and decided.reference in mails[0].subject
        for text in (note.title + note.body, mails[0].body):
            assert "Siti" not in text and decided.report.code not in text and "081234567890" not in text

    def test_it_lets_the_receiving_agency_see_the_case(self, client_for, decided, coordinator, other_pokja_member):
        assert client_for(other_pokja_member).get(f"/kasus/{decided.pk}/").status_code == 404
        forward(decided, coordinator, "gakkumdu")
        body = client_for(other_pokja_member).get(f"/kasus/{decided.pk}/").content.decode()
        assert "Siti" not in body and decided.report.code not in body and "Surat penerusan" in body

    def test_it_refuses_a_case_not_decided(self, make_report, analyst, coordinator):
        case = services.open_from_report(make_report(), analyst)
        with pytest.raises(ForwardingRefused):
            forward(case, coordinator, "kpu")
        assert not Forwarding.objects.exists()

    def test_it_refuses_the_identity_to_the_kpu(self, decided, coordinator):
        with pytest.raises(ForwardingRefused):
            forward(decided, coordinator, "kpu", with_identity=True)

    def test_it_needs_an_addressee_for_another_agency(self, decided, coordinator):
        with pytest.raises(ForwardingRefused):
            forward(decided, coordinator, "other")
        forwarding = forward(decided, coordinator, "other", addressee="Kepala Dinas Pendidikan")
        assert "Kepala Dinas Pendidikan" in docx_text(_letter(forwarding, coordinator))

    def test_it_forwards_a_forwarded_case_to_one_more_agency(self, decided, coordinator):
        forward(decided, coordinator, "gakkumdu")
        second = forward(decided, coordinator, "kasn")
        decided.refresh_from_db()
        assert decided.status == domain.FORWARDED_GAKKUMDU and second.deadline.rule == "follow_up_other"
        assert decided.forwardings.count() == 2


class TestLetter:
    def test_it_names_the_register_number_and_not_the_reporter(self, decided, coordinator):
        forwarding = forward(decided, coordinator, "gakkumdu", request="Mohon dilakukan penyelidikan.")
        text = docx_text(_letter(forwarding, coordinator))
        assert decided.reference in text and forwarding.number in text
        assert "Sentra Penegakan Hukum Terpadu" in text and "Barito Timur" in text
        assert "UU 10/2016 Pasal 69 huruf b" in text and "Mohon dilakukan penyelidikan." in text
        assert "Pasal 146" in text  # the answer's deadline and its basis
        for private in ("Siti", "Ahmad Yani", "081234567890", "siti@example.org", decided.report.code):
            assert private not in text

    def test_it_puts_the_identity_in_only_when_confirmed_and_only_for_handlers(
        self, decided, coordinator, other_pokja_member
    ):
        from pantau.reports.models import IdentityAccessLog

        forwarding = forward(decided, coordinator, "gakkumdu", with_identity=True)
        for_office = docx_text(_letter(forwarding, coordinator))
        assert "Siti Rahma" in for_office and "081234567890" in for_office
        assert IdentityAccessLog.objects.filter(user=coordinator, via="forwarding").exists()
        for_police = docx_text(_letter(forwarding, other_pokja_member))
        assert "Siti" not in for_police and "081234567890" not in for_police and "secara tertutup" in for_police

    def test_it_downloads_the_letter_for_the_receiving_agency_only(
        self, client_for, decided, coordinator, other_pokja_member, pokja_member
    ):
        forwarding = forward(decided, coordinator, "gakkumdu")
        response = client_for(other_pokja_member).get(f"/kasus/penerusan/{forwarding.pk}/surat/")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        docx = client_for(other_pokja_member).get(f"/kasus/penerusan/{forwarding.pk}/surat/?format=docx")
        assert decided.reference in docx_text(docx.content)
        assert client_for(pokja_member).get(f"/kasus/penerusan/{forwarding.pk}/surat/").status_code == 404


class TestPages:
    def test_it_lets_a_coordinator_forward_from_the_case(self, client_for, decided, coordinator):
        client = client_for(coordinator)
        assert "Teruskan kasus" in client.get(f"/kasus/{decided.pk}/").content.decode()
        form = client.get(f"/kasus/{decided.pk}/teruskan/").content.decode()
        assert "Sentra Gakkumdu" in form and "Pasal 146" in form
        response = client.post(f"/kasus/{decided.pk}/teruskan/", {"destination": "gakkumdu", "request": "Mohon."})
        assert response.status_code == 302
        assert Forwarding.objects.get(case=decided).destination == "gakkumdu"

    def test_it_refuses_the_forwarding_page_to_an_analyst(self, client_for, decided, analyst):
        assert client_for(analyst).get(f"/kasus/{decided.pk}/teruskan/").status_code == 403

    def test_it_answers_a_bad_forwarding_form_with_a_message(self, client_for, make_report, analyst, coordinator):
        case = services.open_from_report(make_report(), analyst)
        response = client_for(coordinator).post(f"/kasus/{case.pk}/teruskan/", {"destination": "kpu"})
        assert response.status_code == 400 and "diputuskan sebagai pelanggaran" in response.content.decode()
        response = client_for(coordinator).post(f"/kasus/{case.pk}/teruskan/", {"destination": "nowhere"})
        assert response.status_code == 400

    def test_it_sends_the_status_form_to_the_forwarding_page(self, client_for, decided, coordinator):
        response = client_for(coordinator).post(f"/kasus/{decided.pk}/status/", {"target": domain.FORWARDED_KPU})
        decided.refresh_from_db()
        assert decided.status == domain.VIOLATION
        assert response.status_code == 302

    def test_it_records_the_answer_and_meets_its_deadline(self, client_for, decided, coordinator, analyst):
        forwarding = forward(decided, coordinator, "kpu")
        assert forwarding.deadline.rule == "follow_up_kpu" and forwarding.deadline.met_at is None
        response = client_for(analyst).post(
            f"/kasus/penerusan/{forwarding.pk}/jawaban/",
            {"answer": "KPU menjatuhkan sanksi.", "answered_on": "2024-11-05"},
        )
        assert response.status_code == 302
        forwarding.refresh_from_db()
        forwarding.deadline.refresh_from_db()
        assert forwarding.answer == "KPU menjatuhkan sanksi." and forwarding.deadline.met_at is not None
        body = client_for(analyst).get(f"/kasus/{decided.pk}/").content.decode()
        assert "KPU menjatuhkan sanksi." in body

    def test_it_refuses_an_empty_answer(self, client_for, decided, coordinator, analyst):
        forwarding = forward(decided, coordinator, "kpu")
        client_for(analyst).post(f"/kasus/penerusan/{forwarding.pk}/jawaban/", {"answer": "", "answered_on": "x"})
        forwarding.refresh_from_db()
        assert forwarding.answered_on is None

    def test_it_refuses_moving_to_forwarded_through_the_api(self, api_client_for, decided, coordinator):
        response = api_client_for(coordinator).post(
            f"/api/cases/{decided.pk}/move/", {"status": domain.FORWARDED_GAKKUMDU}, format="json"
        )
        assert response.status_code == 400 and not Forwarding.objects.exists()
