"""The open cases panel on the dashboard."""

import pytest
from django.urls import reverse

from pantau.cases import domain, services
from tests.cases.conftest import make_overdue

pytestmark = pytest.mark.django_db


class TestPanel:
    def test_it_shows_open_cases_soonest_deadline_first_with_the_overdue_marked(
        self, client_for, analyst, case, make_report
    ):
        later = services.open_from_report(make_report(), analyst)
        services.move(later, domain.INITIAL_REVIEW, analyst)
        services.move(later, domain.REGISTERED, analyst)
        make_overdue(case, analyst)
        body = client_for(analyst).get(reverse("dashboards:dashboard")).content.decode()
        assert "Kasus terbuka dan tenggatnya" in body
        assert '<span class="badge badge-bad">1 lewat tenggat</span>' in body
        assert body.index(case.reference) < body.index(later.reference)

    def test_it_shows_a_pokja_member_only_their_agencys_cases(
        self, client_for, analyst, pokja_member, case, make_report
    ):
        other = services.open_from_report(make_report(), analyst)
        for c in (case, other):
            make_overdue(c, analyst)
        services.assign(case, analyst, agencies=[pokja_member.agency])
        body = client_for(pokja_member).get(reverse("dashboards:dashboard")).content.decode()
        assert case.reference in body and other.reference not in body
        assert case.report.code not in body

    def test_it_hides_the_panel_from_the_admin(self, client_for, admin_user, case):
        body = client_for(admin_user).get(reverse("dashboards:dashboard")).content.decode()
        assert "Kasus terbuka dan tenggatnya" not in body
