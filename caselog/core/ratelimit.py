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
    # Every suggestion keystroke passes here: two cache calls on the usual path (the add that
    # finds the window open, and the increment), the window's start only written when it opens
    # and only read when the client is over the limit.
    if cache.add(f"{base}:count", 1, seconds):
        cache.set(f"{base}:start", now, seconds)
        count = 1
    else:
        try:
            count = cache.incr(f"{base}:count")
        except ValueError:  # expired between add and incr: this request opens a new window
            cache.set(f"{base}:count", 1, seconds)
            cache.set(f"{base}:start", now, seconds)
            count = 1
    if count <= limit:
        return 0
    start = float(cache.get(f"{base}:start", now))
    return max(1, math.ceil(start + seconds - now))
