"""A per-client budget for expensive public checks (canonicalising JSON-LD
costs real CPU), kept in the cache so it holds across processes."""

import time

from django.core.cache import cache

CHECKS_PER_WINDOW = 20
WINDOW_SECONDS = 60


def client_key(request) -> str:
    # REMOTE_ADDR only: a client-supplied X-Forwarded-For would let anyone
    # pick their own bucket. Behind a proxy, have the WSGI server set it.
    return request.META.get("REMOTE_ADDR", "unknown")


def check_allowed(request, *, scope: str = "credential-check") -> tuple[bool, int]:
    """(allowed, seconds until the window resets)."""
    window = int(time.time() // WINDOW_SECONDS)
    key = f"ratelimit:{scope}:{client_key(request)}:{window}"
    cache.add(key, 0, WINDOW_SECONDS + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS + 1)
        count = 1
    retry_after = WINDOW_SECONDS - int(time.time()) % WINDOW_SECONDS
    return count <= CHECKS_PER_WINDOW, retry_after
