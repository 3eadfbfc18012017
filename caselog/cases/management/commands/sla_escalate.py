from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from caselog.cases.clocks import sla_escalate


class Command(BaseCommand):
    help = "Send the SLA warnings and breach actions that are due (once each); --every repeats."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--every", type=int, default=0, help="Repeat every N seconds (0: run once)")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            sent = sla_escalate()
            self.stdout.write(f"{len(sent)} escalation(s) sent")
            if not options["every"]:
                return
            time.sleep(options["every"])
