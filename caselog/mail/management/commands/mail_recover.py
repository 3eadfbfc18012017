from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from caselog.mail.services import inbound_recover


class Command(BaseCommand):
    help = "Queue again every received mail a dead worker left unprocessed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than-seconds", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        seconds = options["older_than_seconds"]
        count = inbound_recover(older_than=timedelta(seconds=seconds) if seconds is not None else None)
        self.stdout.write(f"re-queued {count}")
