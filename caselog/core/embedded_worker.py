"""The background worker inside the web process, for the embedded default.

`make run` serves a small shop from one process: the worker loop of django-tasks-db runs
in a daemon thread next to the web threads, so the encoders the search app loads are held
in memory once, not once per process. Production runs `manage.py db_worker` as separate
processes instead (CASELOG_EMBEDDED_WORKER=0)."""

from __future__ import annotations

import logging
import threading

from django.utils.crypto import get_random_string

logger = logging.getLogger(__name__)


def embedded_worker_start(*, interval: float = 1.0) -> threading.Thread:
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["*"],
        interval=interval,
        batch=False,
        backend_name="default",
        startup_delay=True,
        max_tasks=None,
        worker_id=f"embedded-{get_random_string(12)}",
        excluded_queue_names=[],
    )
    thread = threading.Thread(target=worker.run, name="caselog-embedded-worker", daemon=True)
    thread.start()
    logger.warning("Background worker running inside the web process (%s)", worker.worker_id)
    return thread
