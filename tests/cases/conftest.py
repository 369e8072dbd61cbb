# The same people, places and reports as the reports tests.
from tests.reports.conftest import fast_passwords, fresh_rate_limits, kecamatan, make_report  # noqa: F401
