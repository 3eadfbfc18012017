from __future__ import annotations

import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from caselog.mail.imap import imap_connect, mailbox_fetch, mailbox_watch
from caselog.mail.models import Mailbox
from caselog.mail.services import inbound_recover


class Command(BaseCommand):
    help = "Fetch the support mailboxes over IMAP: once (--once, for cron) or continuously with IDLE/polling."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Fetch every mailbox once and exit.")
        parser.add_argument("--mailbox", action="append", default=[], help="Only this address (repeatable).")
        parser.add_argument("--poll-seconds", type=float, default=settings.MAIL_POLL_INTERVAL.total_seconds())

    def handle(self, *args: Any, **options: Any) -> None:
        mailboxes = Mailbox.objects.filter(active=True).exclude(imap_host="").select_related("department")
        if options["mailbox"]:
            mailboxes = mailboxes.filter(address__in=options["mailbox"])
        recovered = inbound_recover()
        if recovered:
            self.stdout.write(f"re-queued {recovered} unprocessed mail(s)")
        if options["once"]:
            for mailbox in mailboxes:
                with imap_connect(mailbox) as client:
                    stored = mailbox_fetch(mailbox=mailbox, client=client, limit=10**9)
                self.stdout.write(f"{mailbox}: {stored} new")
            return
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        threads = [
            threading.Thread(
                target=mailbox_watch,
                kwargs={
                    "mailbox": mailbox,
                    "idle": mailbox.imap_idle,
                    "poll_seconds": options["poll_seconds"],
                    "should_stop": stop.is_set,
                },
                daemon=True,
                name=f"imap-{mailbox.address}",
            )
            for mailbox in mailboxes
        ]
        for thread in threads:
            thread.start()
        self.stdout.write(f"watching {len(threads)} mailbox(es); Ctrl-C stops")
        try:
            while not stop.wait(settings.MAIL_RECOVER_AFTER.total_seconds()):
                inbound_recover()
        except KeyboardInterrupt:
            stop.set()
