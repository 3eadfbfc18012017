"""Fetching a department's mailbox over IMAP (imap-tools).

Each new message (UID above the last one stored, same UIDVALIDITY) is fetched with
BODY.PEEK[] so that fetching alone never marks it read; its raw bytes are stored and the
mailbox's last UID advanced in one transaction; only after that commits is it flagged
\\Seen on the server. A crash anywhere leaves the message either not stored (fetched again)
or stored once (the unique (mailbox, UIDVALIDITY:UID) makes the re-fetch a no-op)."""

from __future__ import annotations

import logging
import re
import ssl
from collections.abc import Callable

from django.db import close_old_connections, transaction
from django.utils import timezone
from imap_tools import MailBox, MailBoxStartTls, MailBoxUnencrypted, MailMessageFlags
from imap_tools.mailbox import BaseMailBox

from caselog.mail.models import InboundMail, Mailbox
from caselog.mail.services import inbound_receive

logger = logging.getLogger(__name__)

FETCH_BATCH = 50
IMAP_TIMEOUT_SECONDS = 60
IDLE_SECONDS = 5 * 60  # RFC 2177: re-issue IDLE well within 29 minutes
UID_RE = re.compile(rb"UID (\d+)")


def imap_connect(mailbox: Mailbox) -> BaseMailBox:
    """A logged-in connection to the mailbox's folder."""
    security = mailbox.imap_security
    client: BaseMailBox
    if security == Mailbox.Security.SSL:
        client = MailBox(mailbox.imap_host, mailbox.imap_port, timeout=IMAP_TIMEOUT_SECONDS)
    elif security == Mailbox.Security.STARTTLS:
        client = MailBoxStartTls(
            mailbox.imap_host, mailbox.imap_port, timeout=IMAP_TIMEOUT_SECONDS, ssl_context=ssl.create_default_context()
        )
    else:
        client = MailBoxUnencrypted(mailbox.imap_host, mailbox.imap_port, timeout=IMAP_TIMEOUT_SECONDS)
    return client.login(mailbox.imap_user, mailbox.imap_secret(), initial_folder=mailbox.imap_folder)


def _uidvalidity(client: BaseMailBox, folder: str) -> int:
    status = client.folder.status(folder, ["UIDVALIDITY"])
    return int(status["UIDVALIDITY"])


def _fetch_raw(client: BaseMailBox, uid: int) -> bytes | None:
    typ, data = client.client.uid("fetch", str(uid), "(UID BODY.PEEK[])")
    if typ != "OK":
        raise OSError(f"IMAP FETCH {uid} failed: {data!r}")
    for item in data:
        if isinstance(item, tuple) and len(item) == 2:
            return bytes(item[1])
    return None


def mailbox_fetch(*, mailbox: Mailbox, client: BaseMailBox, limit: int = FETCH_BATCH) -> int:
    """Store the mailbox's new messages (at most `limit`); returns how many were stored."""
    validity = _uidvalidity(client, mailbox.imap_folder)
    if mailbox.uidvalidity != validity:
        # The server renumbered the folder: UIDs start over; the raw sha256 spots nothing
        # here, but the old (validity, uid) keys no longer collide with the new ones.
        Mailbox.objects.filter(pk=mailbox.pk).update(uidvalidity=validity, last_uid=0)
        mailbox.uidvalidity, mailbox.last_uid = validity, 0
    uids = sorted(int(uid) for uid in client.uids(f"UID {mailbox.last_uid + 1}:*") if int(uid) > mailbox.last_uid)
    stored = 0
    for uid in uids[:limit]:
        raw = _fetch_raw(client, uid)
        with transaction.atomic():
            if raw is not None:
                inbound_receive(raw=raw, mailbox=mailbox, source=InboundMail.Source.IMAP, remote_id=f"{validity}:{uid}")
                stored += 1
            Mailbox.objects.filter(pk=mailbox.pk).update(last_uid=uid, last_fetch_at=timezone.now(), last_error="")
        mailbox.last_uid = uid
        # Only now, with the raw bytes committed, may the server consider it read.
        client.flag(str(uid), MailMessageFlags.SEEN, True)
    Mailbox.objects.filter(pk=mailbox.pk).update(last_fetch_at=timezone.now(), last_error="")
    return stored


def mailbox_watch(
    *, mailbox: Mailbox, idle: bool, poll_seconds: float, should_stop: Callable[[], bool] = lambda: False
) -> None:
    """Fetch, then wait for new mail with IDLE (or sleep `poll_seconds`), until told to stop.
    Connection errors are recorded on the mailbox and retried after a pause."""
    import time

    while not should_stop():
        close_old_connections()
        try:
            with imap_connect(mailbox) as client:
                while not should_stop():
                    while mailbox_fetch(mailbox=mailbox, client=client) == FETCH_BATCH:
                        pass
                    if idle:
                        client.idle.wait(timeout=min(poll_seconds, IDLE_SECONDS))
                    else:
                        time.sleep(poll_seconds)
        except Exception as error:
            logger.warning("IMAP %s: %s", mailbox, error)
            Mailbox.objects.filter(pk=mailbox.pk).update(last_error=str(error)[:2000])
            time.sleep(min(poll_seconds, 30))
