from tests.reports.conftest import fresh_rate_limits, kecamatan, make_report  # noqa: F401
