"""Fold the completed hours of live cases and calls into the hourly history (run it hourly,
e.g. from cron; idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from caselog.workforce.services import volume_rollup


class Command(BaseCommand):
    help = "Roll completed hours of cases and calls up into the workforce volume history."

    def handle(self, *args: Any, **options: Any) -> None:
        hours = volume_rollup()
        self.stdout.write(f"Rolled up {hours} hour(s).")
