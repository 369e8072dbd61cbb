# Reports to open cases from, for the routine that warns of case deadlines.
from tests.reports.conftest import fresh_rate_limits, kecamatan, make_report  # noqa: F401
