"""One rate limiter: a fixed window per scope and client in Django's cache (in memory for the
embedded single process; Redis via CACHE_URL when several web processes share the counters)."""

from __future__ import annotations

import math
import time
from datetime import timedelta

from django.core.cache import cache


def rate_limit_wait(*, scope: str, ident: str, limit: int, window: timedelta) -> int:
    """Count one request; 0 when it is allowed, else the seconds until its window ends.

    The window opens with the first request a client makes, so a burst never straddles two
    windows and gets twice the budget."""
    seconds = max(1, int(window.total_seconds()))
    now = time.time()
    base = f"ratelimit:{scope}:{ident}"
    cache.add(f"{base}:start", now, seconds)
    cache.add(f"{base}:count", 0, seconds)
    try:
        count = cache.incr(f"{base}:count")
    except ValueError:  # expired between add and incr: this request opens a new window
        cache.set(f"{base}:start", now, seconds)
        cache.set(f"{base}:count", 1, seconds)
        count = 1
    if count <= limit:
        return 0
    start = float(cache.get(f"{base}:start", now))
    return max(1, math.ceil(start + seconds - now))
