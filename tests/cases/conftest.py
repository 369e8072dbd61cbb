# The same people, places and reports as the reports tests; meetings from the pokja tests.
import pytest

from tests.pokja.conftest import meeting  # noqa: F401
from tests.reports.conftest import fresh_rate_limits, kecamatan, make_report  # noqa: F401


@pytest.fixture
def case(make_report, analyst):  # noqa: F811
    """A case from a report, alleging SARA, with an outcome."""
    from pantau.cases import services

    case = services.open_from_report(make_report(), analyst)
    case.violations = ["sara"]
    case.outcome = "Diteruskan ke Gakkumdu."
    case.save()
    return case


def make_overdue(case, user):
    """Registered four days ago: the 3-day decision deadline has passed."""
    from datetime import timedelta

    from django.utils import timezone

    from pantau.cases import domain, services

    then = timezone.now() - timedelta(days=4)
    services.move(case, domain.INITIAL_REVIEW, user, now=then)
    services.move(case, domain.REGISTERED, user, now=then)
    return case
