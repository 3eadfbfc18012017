"""The local LMTP/SMTP listener (aiosmtpd) for sites whose mail server delivers directly.

A message is accepted (250) only after its raw bytes are committed, once per support
address it is for; an unknown address is refused at RCPT time (550), so the sending server
keeps the message and reports it, and nothing is silently dropped."""

from __future__ import annotations

from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP, Envelope, Session
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import close_old_connections

from caselog.mail.models import InboundMail, Mailbox
from caselog.mail.services import inbound_receive


def _mailbox_for(address: str) -> Mailbox | None:
    close_old_connections()
    return Mailbox.objects.filter(address__iexact=address.strip("<>"), active=True).first()


def _store(raw: bytes, addresses: list[str]) -> int:
    close_old_connections()
    stored = 0
    for address in addresses:
        mailbox = _mailbox_for(address)
        if mailbox is not None:
            inbound_receive(raw=raw, mailbox=mailbox, source=InboundMail.Source.SMTP)
            stored += 1
    return stored


class InboundHandler:
    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if await sync_to_async(_mailbox_for, thread_sensitive=False)(address) is None:
            return "550 5.1.1 No such support mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content
        if not isinstance(raw, bytes):
            return "554 5.6.0 No message"
        if len(raw) > settings.MAIL_MAX_MESSAGE_BYTES:
            return "552 5.3.4 Message too big"
        try:
            await sync_to_async(_store, thread_sensitive=False)(raw, list(envelope.rcpt_tos))
        except Exception:
            return "451 4.3.0 Could not store the message, try again later"
        if isinstance(server, LMTP):
            # LMTP answers once per recipient (RFC 2033).
            return "\r\n".join("250 2.0.0 Stored" for _ in envelope.rcpt_tos)
        return "250 2.0.0 Stored"


class LMTPController(Controller):
    def factory(self) -> LMTP:
        return LMTP(self.handler, **self.SMTP_kwargs)


def listener_start(*, host: str, port: int, lmtp: bool = False) -> Controller:
    """Start the listener in a background thread; call .stop() on the result to end it."""
    kwargs: dict[str, Any] = {"data_size_limit": settings.MAIL_MAX_MESSAGE_BYTES, "decode_data": False}
    controller_class = LMTPController if lmtp else Controller
    controller = controller_class(InboundHandler(), hostname=host, port=port, **kwargs)
    controller.start()
    return controller
