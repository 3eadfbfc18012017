from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from caselog.store.services import refund_settle_due


class Command(BaseCommand):
    help = "Mark card refunds past their latest expected bank date as completed (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{refund_settle_due()} card refunds completed")
