"""Open cases on the pokja meeting's agenda."""

import pytest

from tests.cases.conftest import make_overdue

pytestmark = pytest.mark.django_db


class TestAgenda:
    def test_it_proposes_the_open_cases_for_the_meeting(self, case, analyst, meeting):
        from pantau.pokja.agenda import add_proposals

        make_overdue(case, analyst)
        add_proposals(meeting)
        item = meeting.agenda.get(source="cases.open")
        assert item.title == "Kasus terbuka (1, 1 lewat tenggat)"
        assert case.reference in item.detail and case.report.code not in item.detail
