"""Report fixtures for the admin-site checks."""

from tests.reports.conftest import kecamatan, make_report  # noqa: F401
