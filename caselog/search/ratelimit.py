"""A fixed-window request counter in Django's cache (any backend; locmem by default)."""

from __future__ import annotations

import math
import time
from datetime import timedelta

from django.core.cache import cache


def rate_limit_retry_after(*, scope: str, ident: str, limit: int, window: timedelta) -> int | None:
    """Count one request; None if allowed, else the seconds until the window resets."""
    window_s = max(1, int(window.total_seconds()))
    now = time.time()
    bucket = int(now // window_s)
    key = f"search:ratelimit:{scope}:{ident}:{bucket}"
    cache.add(key, 0, timeout=window_s + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_s + 1)
        count = 1
    if count <= limit:
        return None
    return max(1, math.ceil(window_s - (now % window_s)))
