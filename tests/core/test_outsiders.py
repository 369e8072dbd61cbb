"""A guard over the whole URL map: no page or endpoint opens to an anonymous visitor
unless it is listed here as public on purpose."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Public on purpose: the front door, health, language, login, the API schema and
# token exchange, and the citizens' report pages.
PUBLIC = [
    r"^$",
    r"^healthz$",
    r"^akun/masuk/$",
    r"^akun/keluar/$",
    r"^i18n/",
    r"^api/openapi\.(json|yaml)$",
    r"^api/token/$",
    r"^lapor/",
    r"^static/",
]
SAMPLE_ARGS = {"int": "1", "str": "x", "slug": "x", "uuid": "00000000-0000-0000-0000-000000000000", "path": "x"}


def piece(pattern) -> str | None:
    """A sample path for one level of the URL map (None: a format-suffix variant, skipped)."""
    text = str(pattern.pattern)
    if "(?P<format>" in text or "drf_format_suffix" in text:
        return None
    text = re.sub(r"\(\?P<\w+>[^)]*\)", "1", text)  # DRF's regex groups, e.g. (?P<pk>[^/.]+)
    text = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE_ARGS.get(m.group(1) or "str", "x"), text)
    return text.replace("^", "").replace("$", "")


def walk(patterns, prefix=""):
    for pattern in patterns:
        part = piece(pattern)
        if part is None:
            continue
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + part)
        elif isinstance(pattern, URLPattern):
            yield "/" + prefix + part


def routes():
    for path in walk(get_resolver().url_patterns):
        if not path.startswith("/admin/") and not any(re.match(p, path.lstrip("/")) for p in PUBLIC):
            yield path


@pytest.mark.parametrize("path", sorted(set(routes())))
def test_it_refuses_anonymous_visitors(client, path):
    response = client.get(path)
    assert response.status_code in (302, 401, 403, 405), f"{path} answered {response.status_code}"
    if response.status_code == 302:
        assert "/akun/masuk/" in response["Location"]
