"""Recurring background work (SLA escalation rounds, ...): settings.PERIODIC_TASKS maps a
task's dotted path to its interval. One scheduler loop enqueues each task when it is due;
the tasks themselves are idempotent, so an extra round never does harm."""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def periodic_due(*, last_run: dict[str, float], now: float) -> list[str]:
    """The task paths whose interval has passed since they last ran (never run: due)."""
    intervals: dict[str, timedelta] = settings.PERIODIC_TASKS
    return [
        path
        for path, every in intervals.items()
        if path not in last_run or now - last_run[path] >= every.total_seconds()
    ]


def periodic_loop(*, stop: threading.Event, tick_seconds: float = 5.0) -> None:
    last_run: dict[str, float] = {}
    while not stop.is_set():
        now = time.monotonic()
        for path in periodic_due(last_run=last_run, now=now):
            try:
                import_string(path).enqueue()
            except Exception:  # a broken task must not stop the others' schedule
                logger.exception("Could not enqueue periodic task %s", path)
            last_run[path] = now
        close_old_connections()
        stop.wait(tick_seconds)


def periodic_start() -> threading.Event:
    stop = threading.Event()
    threading.Thread(target=periodic_loop, kwargs={"stop": stop}, name="caselog-periodic", daemon=True).start()
    return stop
