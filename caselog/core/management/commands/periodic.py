from __future__ import annotations

import threading
from typing import Any

from django.core.management.base import BaseCommand

from caselog.core.periodic import periodic_loop


class Command(BaseCommand):
    help = "Enqueue the recurring tasks of settings.PERIODIC_TASKS when they are due (run one per site)."

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        try:
            periodic_loop(stop=stop)
        except KeyboardInterrupt:
            stop.set()
