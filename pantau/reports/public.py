"""Which pages belong to the public (reporters) rather than to the office."""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def is_public_path(path: str) -> bool:
    """The report form, receipt, status and privacy pages: /lapor/ but not the staff's /lapor/staf/."""
    public, staff = _prefixes(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    return path.startswith(public) and not path.startswith(staff)


@lru_cache(maxsize=16)
def _prefixes(script_prefix: str, urlconf) -> tuple[str, str]:
    """Asked on every page (the layout's context): reversed once per prefix and URL configuration."""
    return reverse("reports:form", urlconf=urlconf), reverse("reports:staff_list", urlconf=urlconf)
