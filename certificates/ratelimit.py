"""Per-client rate limits kept in the Django cache (Redis in production),
so every web process shares the count.

A fixed window per client: the first request of a window creates the
counter with an expiry, the next ones increment it. Over the limit, the
answer is 429 with Retry-After (seconds to the end of the window).
"""

import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Rate:
    limit: int
    period: int  # seconds

    @classmethod
    def parse(cls, value: str) -> "Rate":
        """``"30/m"``, ``"500/h"``, ``"10/10s"``."""
        count, _, unit = value.partition("/")
        multiplier = {"s": 1, "m": 60, "h": 3600, "d": 86400}
        digits = unit[:-1] or "1"
        return cls(limit=int(count), period=int(digits) * multiplier[unit[-1]])


def verification_rate() -> Rate:
    return Rate.parse(settings.CERTIFICATES_VERIFY_RATE)


def client_key(request) -> str:
    """The client's address. Behind ``TRUSTED_PROXY_COUNT`` reverse proxies
    it is read from X-Forwarded-For, counting from the right (the entries a
    client writes itself are further left and ignored). IPv6 clients are
    grouped by /64, the block one subscriber usually holds."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return str(parsed)


def rate_limit_check(request, *, scope: str, rate: Rate, now: float | None = None) -> int | None:
    """Count this request; return the seconds to wait when over the limit."""
    now = time.time() if now is None else now
    window = int(now // rate.period)
    key = f"ratelimit:{scope}:{client_key(request)}:{window}"
    if cache.add(key, 1, timeout=rate.period + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=rate.period + 1)
            count = 1
    if count <= rate.limit:
        return None
    return max(1, math.ceil((window + 1) * rate.period - now))
