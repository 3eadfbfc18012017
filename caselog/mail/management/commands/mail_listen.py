from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from caselog.mail.listener import listener_start


class Command(BaseCommand):
    help = "Accept mail for the support addresses over SMTP or LMTP (--lmtp) on a local port."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8025)
        parser.add_argument("--lmtp", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        controller = listener_start(host=options["host"], port=options["port"], lmtp=options["lmtp"])
        protocol = "LMTP" if options["lmtp"] else "SMTP"
        self.stdout.write(f"{protocol} listener on {options['host']}:{options['port']}; Ctrl-C stops")
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            stop.wait()
        except KeyboardInterrupt:
            pass
        finally:
            controller.stop()
