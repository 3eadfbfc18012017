"""Recurring background work (SLA escalation rounds, refund settlement, ...):
settings.PERIODIC_TASKS lists (task path, interval, keyword arguments). One scheduler loop
enqueues each when it is due; the tasks are idempotent, so an extra round does no harm."""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import close_old_connections
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


Schedule = list[tuple[str, timedelta, dict[str, Any]]]


def _key(path: str, kwargs: dict[str, Any]) -> str:
    return f"{path}:{sorted(kwargs.items())}"


def periodic_due(*, last_run: dict[str, float], now: float) -> Schedule:
    """The entries whose interval has passed since they last ran (never run: due at once)."""
    schedule: Schedule = settings.PERIODIC_TASKS
    return [
        (path, every, kwargs)
        for path, every, kwargs in schedule
        if _key(path, kwargs) not in last_run or now - last_run[_key(path, kwargs)] >= every.total_seconds()
    ]


def periodic_loop(*, stop: threading.Event, tick_seconds: float = 5.0) -> None:
    last_run: dict[str, float] = {}
    while not stop.is_set():
        now = time.monotonic()
        for path, _every, kwargs in periodic_due(last_run=last_run, now=now):
            try:
                import_string(path).enqueue(**kwargs)
            except Exception:  # a broken task must not stop the others' schedule
                logger.exception("Could not enqueue periodic task %s", path)
            last_run[_key(path, kwargs)] = now
        close_old_connections()
        stop.wait(tick_seconds)


def periodic_start() -> threading.Event:
    stop = threading.Event()
    threading.Thread(target=periodic_loop, kwargs={"stop": stop}, name="caselog-periodic", daemon=True).start()
    return stop
