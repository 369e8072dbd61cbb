"""Absolute links for what leaves the web app: e-mails, notifications, letters.

`absolute_url("/kasus/12/")` joins a path on this site to the office's address
(`PANTAU_SITE_URL`) exactly once; `absolute_url("https://www.facebook.com/...")`
returns an outside web link untouched (joining both is how alert e-mails once
read `http://127.0.0.1:8000https://www.facebook.com/...`). Anything that is
neither (`javascript:`, a bare "facebook.com/x") gives "" so no mail carries
a link that cannot be opened. Every e-mail and notification link goes
through here: there is no other place that knows the office's address.

The address defaults to the one `pantau serve` listens on, so a laptop office
gets working links without configuring anything.
"""

from collections.abc import Sequence
from urllib.parse import urlencode, urlsplit

from .env import ConfigError
from .urls import safe_href

SERVE_HOST = "127.0.0.1"
SERVE_PORT = 8000
# Listening on every interface: no one can open "0.0.0.0" from another machine.
WILDCARD_HOSTS = {"0.0.0.0", "::", ""}


def served_url(host: str = SERVE_HOST, port: int = SERVE_PORT) -> str:
    """The address a browser opens to reach `pantau serve --host HOST --port PORT`."""
    if host in WILDCARD_HOSTS:
        import socket

        host = socket.getfqdn()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address
    return f"http://{host}:{port}"


def site_url(value: str, name: str = "PANTAU_SITE_URL") -> str:
    """`value` checked to be a web address (scheme and host), without a trailing slash."""
    text = (value or "").strip()
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018  (raises on a port that is not a number)
    except ValueError as exc:
        raise ConfigError(f"{name}={value!r} is not a web address: {exc}") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ConfigError(f"{name}={value!r} must be the office's address, like https://pantau.example.go.id")
    return text.rstrip("/")


def absolute_url(path_or_url: object, site: str | None = None) -> str:
    """A link that opens from a mail client: a site path joined to the office's address, a web link as is."""
    href = safe_href(path_or_url)
    if not href.startswith("/"):
        return href  # an outside http(s) link, or "" for anything that is not a link
    if site is None:
        from django.conf import settings

        site = str(settings.SITE_URL)
    return site.rstrip("/") + href


def absolute_reverse(
    viewname: str, args: Sequence[object] | None = None, query: dict[str, object] | None = None
) -> str:
    """`absolute_url(reverse(viewname, args))`, with `query` (if any) as its query string."""
    from django.urls import reverse

    path = reverse(viewname, args=args)
    if query:
        path += "?" + urlencode(query, doseq=True)
    return absolute_url(path)
