"""A fixed-window rate limit per client in the Django cache (shared by every process when the
cache is shared, e.g. the database or Redis cache in production)."""

from __future__ import annotations

import math
import time
from datetime import timedelta

from django.core.cache import cache
from django.http import HttpRequest

from caselog.core.clients import client_address


def client_key(request: HttpRequest) -> str:
    return client_address(request) or "unknown"


def rate_limit_wait(*, scope: str, client: str, limit: int, window: timedelta) -> int:
    """Count one attempt; 0 when it is allowed, else the seconds until the window resets."""
    seconds = int(window.total_seconds())
    now = time.time()
    base = f"ratelimit:{scope}:{client}"
    cache.add(f"{base}:start", now, seconds)
    cache.add(f"{base}:count", 0, seconds)
    try:
        count = cache.incr(f"{base}:count")
    except ValueError:  # expired between add and incr: this attempt opens a new window
        cache.set(f"{base}:start", now, seconds)
        cache.set(f"{base}:count", 1, seconds)
        count = 1
    if count <= limit:
        return 0
    start = float(cache.get(f"{base}:start", now))
    return max(1, math.ceil(start + seconds - now))
