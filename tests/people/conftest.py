"""Report fixtures, for the tests that check what a person whose role waits may not open."""

from tests.reports.conftest import kecamatan, make_report  # noqa: F401
