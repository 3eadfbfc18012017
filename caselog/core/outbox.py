"""One outbox for every email.

`mail_send` stores the mail as an `OutboxMail` row (rendered in the recipient's language,
a text and an HTML part, `Auto-Submitted: auto-generated` unless a person wrote it) and
tries it at once; a failure is tried again by the worker with growing delays
(`MAIL_RETRY_DELAYS`), after which the row is marked failed. The idempotency key makes a
task that runs again (a retry, a worker that died) find its row instead of mailing twice;
`outbox_deliver_due` picks up rows whose try was lost with a worker."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template import Context, engines
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape
from django_tasks import task
from django_tasks.base import Task

from caselog.core.models import OutboxMail

logger = logging.getLogger(__name__)

# Delays before the 2nd, 3rd, ... try of a mail that could not be sent.
MAIL_RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))


def absolute_url(path: str) -> str:
    """A link for an email: the site's address (SITE_URL) in front of a path."""
    return settings.SITE_URL.rstrip("/") + path


def text_render(template: str, context: Mapping[str, Any]) -> str:
    """A plain-text template (an email's subject or text body): nothing is HTML-escaped, so a
    subject reads "won't", not "won&#x27;t"; the HTML part escapes on its own."""
    engine = engines["django"].engine  # type: ignore[attr-defined]
    return str(engine.get_template(template).render(Context(dict(context), autoescape=False)))


def mail_render(*, language: str, template: str, context: Mapping[str, Any]) -> tuple[str, str]:
    """`<template>_subject.txt` (one line) and `<template>.txt`, rendered in `language`."""
    with translation.override(language):
        context = {"site_url": settings.SITE_URL, **context}
        subject = " ".join(text_render(f"{template}_subject.txt", context).split())
        body = text_render(f"{template}.txt", context)
    return subject, body


def mail_send(
    *,
    to: str,
    subject: str,
    body: str,
    language: str,
    html: str | None = None,
    headers: Mapping[str, str] | None = None,
    key: str | None = None,
    automatic: bool = True,
) -> OutboxMail:
    """Queue one email and try it now. Without `html` the text is framed as HTML (escaped);
    `automatic=False` only for a person's own words (an agent's reply)."""
    language = language or settings.LANGUAGE_CODE
    if html is None:
        with translation.override(language):
            html = render_to_string(
                "core/email/message.html", {"body": escape(body), "subject": subject, "language": language}
            )
    all_headers = {**(headers or {}), "Content-Language": language}
    if automatic:
        # RFC 3834: an auto-responder must not answer this (no mail loops).
        all_headers["Auto-Submitted"] = "auto-generated"
    key = key or f"uuid:{uuid.uuid4()}"
    try:
        with transaction.atomic():
            mail, _created = OutboxMail.objects.get_or_create(
                idempotency_key=key,
                defaults={
                    "to": to,
                    "from_email": settings.DEFAULT_FROM_EMAIL,
                    "subject": subject,
                    "body": body,
                    "html": html,
                    "headers": all_headers,
                    "language": language,
                },
            )
    except IntegrityError:  # another worker stored the same mail a moment ago
        mail = OutboxMail.objects.get(idempotency_key=key)
    if mail.state == OutboxMail.State.PENDING:
        outbox_deliver(mail_id=mail.pk)
        mail.refresh_from_db()
    return mail


def _claim(mail_id: int) -> OutboxMail | None:
    with transaction.atomic():
        mail = OutboxMail.objects.select_for_update().filter(pk=mail_id, state=OutboxMail.State.PENDING).first()
        if mail is None:
            return None
        mail.attempts += 1
        mail.next_attempt_at = timezone.now() + MAIL_RETRY_DELAYS[min(mail.attempts, len(MAIL_RETRY_DELAYS)) - 1]
        mail.save(update_fields=["attempts", "next_attempt_at"])
        return mail


def outbox_deliver(*, mail_id: int) -> bool:
    """One try of a pending mail; True when it went out. A failure schedules the next try,
    and the last failure marks the row failed and raises (the task fails visibly)."""
    mail = _claim(mail_id)
    if mail is None:
        return False
    message = EmailMultiAlternatives(mail.subject, mail.body, mail.from_email, [mail.to], headers=dict(mail.headers))
    message.attach_alternative(mail.html, "text/html")
    try:
        message.send()
    except Exception as error:
        mail.last_error = f"{type(error).__name__}: {error}"[:2000]
        if mail.attempts > len(MAIL_RETRY_DELAYS):
            mail.state = OutboxMail.State.FAILED
            mail.next_attempt_at = None
            mail.save(update_fields=["last_error", "state", "next_attempt_at"])
            raise
        mail.save(update_fields=["last_error"])
        logger.warning("Mail %s to %s failed (try %s), trying again later: %s", mail.pk, mail.to, mail.attempts, error)
        _retry_later(mail)
        return False
    mail.state = OutboxMail.State.SENT
    mail.sent_at = timezone.now()
    mail.next_attempt_at = None
    mail.save(update_fields=["state", "sent_at", "next_attempt_at"])
    return True


def _retry_later(mail: OutboxMail) -> None:
    task_: Task[..., None] = outbox_deliver_task
    if task_.get_backend().supports_defer and mail.next_attempt_at is not None:
        task_ = task_.using(run_after=mail.next_attempt_at)
    task_.enqueue(mail_id=mail.pk)


def outbox_due_list() -> list[int]:
    """Pending mails whose next try is due (including those a dead worker never tried)."""
    now = timezone.now()
    stale = now - MAIL_RETRY_DELAYS[0]
    return list(
        OutboxMail.objects.filter(state=OutboxMail.State.PENDING)
        .filter(Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True, created_at__lte=stale))
        .values_list("pk", flat=True)[:500]
    )


@task()
def outbox_deliver_task(*, mail_id: int) -> None:
    outbox_deliver(mail_id=mail_id)


@task()
def outbox_deliver_due() -> int:
    """Periodic: try every pending mail that is due (retries, and tries lost with a worker)."""
    due = outbox_due_list()
    for mail_id in due:
        outbox_deliver_task.enqueue(mail_id=mail_id)
    return len(due)
