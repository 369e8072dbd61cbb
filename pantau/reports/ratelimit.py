"""Per-address rate limits in Django's cache: no outside service needed.

A fixed window per (scope, IP address). The embedded default cache is per
process, which is what a one-laptop office runs; a multi-process deployment
should point Django's CACHES at a shared cache (database or Redis) so the
limits hold across processes.
"""

from django.core.cache import cache

WINDOW_SECONDS = 3600


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


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
