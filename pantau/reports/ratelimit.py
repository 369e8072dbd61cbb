"""Per-address rate limits in Django's cache: no outside service needed.

A fixed window per (scope, IP address). One laptop's web process keeps the
counts in memory; on PostgreSQL they live in a cache table, so the limits
hold across every web process (settings.CACHES).
"""

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def client_ip(request) -> str:
    """The caller's address. Behind a trusted proxy (PANTAU_TRUSTED_PROXIES), the last address
    in X-Forwarded-For that no trusted proxy added; a header from anyone else is ignored, or a
    citizen could dodge the limits by writing it."""
    remote = request.META.get("REMOTE_ADDR") or "unknown"
    trusted = settings.PANTAU_TRUSTED_PROXIES
    if remote not in trusted:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for address in reversed(forwarded):
        if address not in trusted:
            return address
    return remote


def _key(scope: str, request) -> str:
    return f"pantau:rl:{scope}:{client_ip(request)}"


def used(scope: str, request) -> int:
    return cache.get(_key(scope, request), 0)


def hit(scope: str, request, limit: int, window: int = WINDOW_SECONDS) -> bool:
    """Count one attempt; False when the address is over its limit for this window."""
    key = _key(scope, request)
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, window)
        count = 1
    return count <= limit
