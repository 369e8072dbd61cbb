"""Django system checks of the import limits: a typo is refused at start-up, not when the first import runs."""

from django.core import checks

from pantau.lib.env import ConfigError

from . import importer

LIMITS = (importer.max_line_bytes, importer.max_document_bytes, importer.max_file_bytes)


@checks.register("pantau")
def import_limits(app_configs, **kwargs):
    found = []
    for read_limit in LIMITS:
        try:
            read_limit()
        except ConfigError as exc:
            found.append(checks.Error(str(exc), hint="A whole number of bytes, at least 1024.", id="pantau.E040"))
    return found
