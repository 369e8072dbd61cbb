"""Per-address rate limits in Django's cache: no outside service needed.

A fixed window per (scope, IP address). One laptop's web process keeps the
counts in memory; on PostgreSQL they live in a cache table, so the limits
hold across every web process (settings.CACHES).
"""

from django.core.cache import cache

from pantau.core.client import client_ip

WINDOW_SECONDS = 3600


def _key(scope: str, request) -> str:
    return f"pantau:rl:{scope}:{client_ip(request) or 'unknown'}"


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
