"""Who is on the other end of a request: the one place that reads the caller's address."""

from django.conf import settings


def client_ip(request) -> str:
    """The caller's address ('' when unknown). Behind a trusted proxy (PANTAU_TRUSTED_PROXIES), the
    last address in X-Forwarded-For that no trusted proxy added; a header from anyone else is
    ignored, or a caller could write any address they like into rate limits and evidence records."""
    remote = request.META.get("REMOTE_ADDR") or ""
    trusted = settings.PANTAU_TRUSTED_PROXIES
    if not from_trusted_proxy(request):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for address in reversed(forwarded):
        if address not in trusted:
            return address
    return remote


def from_trusted_proxy(request) -> bool:
    """Whether the request came through one of the reverse proxies named in PANTAU_TRUSTED_PROXIES."""
    return (request.META.get("REMOTE_ADDR") or "") in settings.PANTAU_TRUSTED_PROXIES
