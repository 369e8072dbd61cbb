# The same people, places and reports as the reports tests.
from tests.reports.conftest import fresh_rate_limits, kecamatan, make_report  # noqa: F401
