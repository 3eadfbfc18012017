"""Rate-limit counters live in Django's cache: in memory for the embedded single process,
in Redis (CACHE_URL) when several web processes must share them."""

from __future__ import annotations

from datetime import timedelta
from typing import cast

import pytest
import redis
from django.test import override_settings

from caselog.core.ratelimit import rate_limit_wait
from caselog.settings import cache_settings

REDIS_URL = "redis://127.0.0.1:6379/15"


def test_embedded_default_is_in_memory():
    assert cache_settings("")["default"]["BACKEND"].endswith("LocMemCache")


def test_other_cache_urls_are_refused_clearly():
    with pytest.raises(ValueError, match="CACHE_URL"):
        cache_settings("memcached://127.0.0.1:11211")


def test_rate_limit_counts_are_shared_through_redis():
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    with override_settings(CACHES=cache_settings(REDIS_URL)):
        window = timedelta(minutes=1)
        assert rate_limit_wait(scope="t", ident="203.0.113.9", limit=2, window=window) == 0
        # Another web process talks to the same Redis: it sees the first request's count.
        other_process = redis.Redis.from_url(REDIS_URL)
        keys = cast(list[bytes], other_process.keys("*ratelimit:t:*:count"))
        assert [int(cast(bytes, other_process.get(key))) for key in keys] == [1]
        assert rate_limit_wait(scope="t", ident="203.0.113.9", limit=2, window=window) == 0
        retry_after = rate_limit_wait(scope="t", ident="203.0.113.9", limit=2, window=window)
        assert 1 <= retry_after <= 60
    client.flushdb()
