"""Every change the email channel makes. Inbound mail goes through three steps, each safe
to repeat after a crash:

1. `inbound_receive` stores the raw bytes (unchanged, with their sha256) in the transaction
   that records the receipt; only after it commits does the fetcher mark the mail seen.
2. `inbound_process` (a background task) parses it under a time limit, outside any
   transaction, and then, in one transaction with the status change, routes it: a reply on
   the case it threads to, a new case, or quarantine. A processed mail is never processed
   again, so a worker killed mid-batch loses and duplicates nothing.
3. Managers work the quarantine: `inbound_retry` and `inbound_create_case`."""

from __future__ import annotations

import hashlib
import logging
import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from types import FrameType

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from caselog.accounts.models import User
from caselog.audit.services import audit_record
from caselog.cases.models import Case, Message, RequestType
from caselog.cases.services import case_customer_reply, case_submit
from caselog.cases.tasks import case_mail_message_id
from caselog.mail.models import BouncedAddress, InboundMail, MailAttachment, Mailbox
from caselog.mail.parsing import ADDRESS_RE, ParsedMail, clean_text, parse_mail

logger = logging.getLogger(__name__)

MAX_PROCESS_ATTEMPTS = 3
SUBJECT_CASE_RE = re.compile(r"\b(C-\d{6,12})\b", re.IGNORECASE)
SIGNED_ID_RE = re.compile(r"^(c-\d{1,12})\.(created|added|reply)\.(\d{1,18})\.[0-9a-f]{16}@")
GERMAN_WORDS = {"und", "ich", "nicht", "bitte", "mein", "meine", "ist", "das", "die", "der", "mit", "funktioniert"}
ENGLISH_WORDS = {"the", "and", "my", "is", "not", "please", "with", "does", "it", "this", "have", "phone"}


class ParseTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` (SIGALRM; the worker runs tasks in its main
    thread). Elsewhere the parser's own caps bound the work."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise ParseTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def inbound_receive(*, raw: bytes, mailbox: Mailbox | None, source: str, remote_id: str = "") -> InboundMail:
    """Record a received mail, raw bytes first; parsing is queued for after the commit.
    The same IMAP message (mailbox, UIDVALIDITY:UID) is only ever stored once."""
    from caselog.mail.tasks import process_inbound_mail

    with transaction.atomic():
        if remote_id:
            existing = InboundMail.objects.filter(mailbox=mailbox, remote_id=remote_id).first()
            if existing is not None:
                return existing
        inbound = InboundMail.objects.create(
            mailbox=mailbox,
            source=source,
            remote_id=remote_id,
            raw=raw,
            sha256=hashlib.sha256(raw).hexdigest(),
            size=len(raw),
        )
        transaction.on_commit(lambda: process_inbound_mail.enqueue(inbound_id=inbound.pk))
    return inbound


def inbound_recover(*, older_than: timedelta | None = None) -> int:
    """Queue again every mail still unprocessed after a while (its worker died): the
    at-least-once half of the pipeline; `inbound_process` is the idempotent half."""
    from caselog.mail.tasks import process_inbound_mail

    cutoff = timezone.now() - (older_than if older_than is not None else settings.MAIL_RECOVER_AFTER)
    ids = list(
        InboundMail.objects.filter(status=InboundMail.Status.RECEIVED, received_at__lte=cutoff).values_list(
            "pk", flat=True
        )
    )
    for inbound_id in ids:
        process_inbound_mail.enqueue(inbound_id=inbound_id)
    return len(ids)


def inbound_process(*, inbound_id: int) -> InboundMail:
    """Parse one stored mail and route it. Never raises for a bad mail: whatever cannot be
    understood is quarantined with its raw bytes kept."""
    with transaction.atomic():
        inbound = InboundMail.objects.select_for_update().get(pk=inbound_id)
        if inbound.status != InboundMail.Status.RECEIVED:
            return inbound
        if inbound.attempts >= MAX_PROCESS_ATTEMPTS:
            # Every earlier try died without finishing (a crash, an OOM kill): stop trying.
            return _quarantine(inbound, InboundMail.Reason.PARSE_ERROR, "Processing never finished; gave up.")
        inbound.attempts += 1
        inbound.save(update_fields=["attempts"])
        if inbound.size > settings.MAIL_MAX_MESSAGE_BYTES:
            return _quarantine(inbound, InboundMail.Reason.TOO_LARGE, f"{inbound.size} bytes")
        raw = bytes(inbound.raw)

    started = time.perf_counter()
    parsed: ParsedMail | None = None
    failure: tuple[str, str] | None = None
    try:
        with time_limit(settings.MAIL_PARSE_TIME_LIMIT.total_seconds()):
            parsed = parse_mail(raw)
    except ParseTimeout:
        failure = (InboundMail.Reason.TIMEOUT, f"over {settings.MAIL_PARSE_TIME_LIMIT.total_seconds():g} s")
    except Exception as error:
        logger.exception("Mail %s could not be parsed", inbound_id)
        failure = (InboundMail.Reason.PARSE_ERROR, f"{type(error).__name__}: {error}"[:2000])
    parse_ms = int((time.perf_counter() - started) * 1000)
    del raw

    with transaction.atomic():
        inbound = (
            InboundMail.objects.select_for_update(of=("self",)).select_related("mailbox__department").get(pk=inbound_id)
        )
        if inbound.status != InboundMail.Status.RECEIVED:
            return inbound
        inbound.parse_ms = parse_ms
        if parsed is None:
            assert failure is not None
            return _quarantine(inbound, failure[0], failure[1])
        _store_parsed(inbound, parsed)
        try:
            with transaction.atomic():
                _route(inbound, parsed)
        except Exception as error:
            logger.exception("Mail %s could not be routed", inbound_id)
            return _quarantine(inbound, InboundMail.Reason.DELIVERY_ERROR, f"{type(error).__name__}: {error}"[:2000])
    return inbound


def _quarantine(inbound: InboundMail, reason: str, error: str = "") -> InboundMail:
    inbound.status = InboundMail.Status.QUARANTINED
    inbound.reason = reason
    inbound.error = clean_text(error)
    inbound.processed_at = timezone.now()
    inbound.save()
    return inbound


def _store_parsed(inbound: InboundMail, parsed: ParsedMail) -> None:
    inbound.mail_message_id = parsed.message_id[:255]
    inbound.from_email = parsed.from_email[:254]
    inbound.from_name = parsed.from_name[:150]
    inbound.subject = parsed.subject[:500]
    inbound.auto_submitted = parsed.auto_submitted
    inbound.text = parsed.text
    inbound.save()
    inbound.attachments.all().delete()
    limit = settings.MAIL_MAX_ATTACHMENT_BYTES
    MailAttachment.objects.bulk_create(
        MailAttachment(
            inbound=inbound,
            name=attachment.name[:255] or "attachment",
            content_type=attachment.content_type[:255],
            size=len(attachment.content),
            content=attachment.content if len(attachment.content) <= limit else b"",
            omitted=len(attachment.content) > limit,
            content_id=attachment.content_id[:255],
            inline=attachment.inline,
            from_tnef=attachment.from_tnef,
        )
        for attachment in parsed.attachments
    )


def _route(inbound: InboundMail, parsed: ParsedMail) -> None:
    """Bounces to the case they concern; then the flood limit; then the case the mail
    threads to; else a new case (never for machine-written mail)."""
    mailbox = inbound.mailbox
    if parsed.bounce is not None:
        _route_bounce(inbound, parsed)
        return
    if not parsed.from_email:
        _quarantine(inbound, InboundMail.Reason.NO_SENDER)
        return
    if _is_flooding(inbound):
        _quarantine(inbound, InboundMail.Reason.FLOOD, parsed.from_email)
        return
    case = case_for_mail(parsed=parsed, mailbox=mailbox)
    if case is not None and case.status != Case.Status.CLOSED:
        if parsed.auto_submitted:
            message = Message.objects.create(
                case=case, kind=Message.Kind.NOTE, body=_("Automatic reply:") + "\n\n" + _body_of(parsed)
            )
        else:
            message = case_customer_reply(case=case, author=_customer_for(parsed.from_email), body=_body_of(parsed))
        _link(inbound, message, InboundMail.Status.REPLY)
        return
    if parsed.auto_submitted:
        _quarantine(inbound, InboundMail.Reason.AUTO_REPLY)
        return
    if mailbox is None:
        raise ValidationError("The mail reached no configured mailbox.")
    description = _body_of(parsed)
    if case is not None:
        description = _("Follow-up to the closed case %(number)s.") % {"number": case.number} + "\n\n" + description
    submission = case_submit(
        submitter=_customer_for(parsed.from_email),
        locale=text_language(parsed.text, default=mailbox.locale),
        request_type=mailbox.request_type,
        subject=(parsed.subject or _("(no subject)"))[:200],
        description=description,
        contact_email=parsed.from_email,
        contact_name=parsed.from_name,
        channel=Case.Channel.EMAIL,
    )
    created = submission.case.messages.filter(kind=Message.Kind.CUSTOMER).order_by("-created_at", "-id").first()
    assert created is not None
    _link(inbound, created, InboundMail.Status.CASE if submission.created else InboundMail.Status.REPLY)


def _link(inbound: InboundMail, message: Message, status: str) -> None:
    if inbound.mail_message_id and not message.mail_message_id:
        message.mail_message_id = inbound.mail_message_id
        message.save(update_fields=["mail_message_id"])
    inbound.status = status
    inbound.case_id = message.case_id
    inbound.message = message
    inbound.processed_at = timezone.now()
    inbound.save()


def _body_of(parsed: ParsedMail) -> str:
    if parsed.text.strip():
        return parsed.text
    if parsed.attachments:
        return _("(The mail has no text; see its attachments.)")
    return _("(The mail is empty.)")


def _route_bounce(inbound: InboundMail, parsed: ParsedMail) -> None:
    """A delivery report: flag the address, note it on the case whose mail bounced."""
    assert parsed.bounce is not None
    ids = [parsed.bounce.original_message_id, *parsed.thread_ids]
    case = case_for_thread_ids([mail_id for mail_id in ids if mail_id])
    now = timezone.now()
    for recipient in parsed.bounce.recipients[:10]:
        flag, _created = BouncedAddress.objects.get_or_create(email=recipient[:254], defaults={"last_bounced_at": now})
        flag.bounces += 1
        flag.last_status = parsed.bounce.status[:64]
        flag.last_bounced_at = now
        flag.case = case or flag.case
        flag.save()
    if case is None:
        _quarantine(inbound, InboundMail.Reason.AUTO_REPLY, _("Delivery report for no known case"))
        return
    body = _("Our mail to %(addresses)s could not be delivered (%(status)s).") % {
        "addresses": ", ".join(parsed.bounce.recipients),
        "status": parsed.bounce.status or "?",
    }
    message = Message.objects.create(case=case, kind=Message.Kind.NOTE, body=body)
    _link(inbound, message, InboundMail.Status.REPLY)


def _is_flooding(inbound: InboundMail) -> bool:
    since = timezone.now() - settings.MAIL_FLOOD_WINDOW
    recent = InboundMail.objects.filter(
        mailbox=inbound.mailbox, from_email=inbound.from_email, received_at__gte=since
    ).exclude(pk=inbound.pk)
    return recent.count() >= settings.MAIL_FLOOD_LIMIT


def _customer_for(email: str) -> User | None:
    """The customer account of this address, if there is one (staff are never matched)."""
    user = User.objects.filter(email__iexact=email, is_active=True, is_staff=False).first()
    if user is None or user.has_perm("cases.work_case"):
        return None
    return user


def case_for_thread_ids(ids: list[str]) -> Case | None:
    """The case a mail answers, by the Message-IDs it names (nearest first): one of our
    own signed ids, or a stored id of a message on a case."""
    if not ids:
        return None
    for mail_id in ids:
        match = SIGNED_ID_RE.match(mail_id)
        if match:
            number, kind, key = match.groups()
            if case_mail_message_id(case_number=number.upper(), kind=kind, key=int(key)) == mail_id:
                case = Case.objects.filter(number__iexact=number).first()
                if case is not None:
                    return case
    by_id = dict(
        Message.objects.filter(mail_message_id__in=ids).order_by("created_at").values_list("mail_message_id", "case_id")
    )
    by_id.update(
        InboundMail.objects.filter(mail_message_id__in=ids, case__isnull=False)
        .exclude(mail_message_id__in=list(by_id))
        .values_list("mail_message_id", "case_id")
    )
    for mail_id in ids:
        if mail_id in by_id:
            return Case.objects.get(pk=by_id[mail_id])
    return None


def case_for_mail(*, parsed: ParsedMail, mailbox: Mailbox | None) -> Case | None:
    """Threading: In-Reply-To/References, then the case number in the subject (if the
    sender is that case's contact), then the sender's open case of this mailbox."""
    case = case_for_thread_ids(parsed.thread_ids)
    if case is not None:
        return case
    sender = parsed.from_email
    for number in SUBJECT_CASE_RE.findall(parsed.subject)[:5]:
        case = (
            Case.objects.filter(number__iexact=number)
            .filter(Q(contact_email__iexact=sender) | Q(customer__email__iexact=sender))
            .first()
        )
        if case is not None:
            return case
    if mailbox is None or not sender:
        return None
    recent = (
        InboundMail.objects.filter(
            mailbox=mailbox,
            case__contact_email__iexact=sender,
            case__status__in=Case.OPEN_STATUSES,
        )
        .order_by("-received_at")
        .select_related("case")
        .first()
    )
    return recent.case if recent is not None else None


def text_language(text: str, *, default: str) -> str:
    """The language a mail is written in, when the text makes it clear; else the mailbox's."""
    sample = text[:3000]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < 20:
        return default
    if sum("\u0400" <= ch <= "\u04ff" for ch in letters) / len(letters) > 0.3:
        return "ru"
    words = set(re.findall(r"[a-zäöüß]+", sample.lower()))
    german = len(words & GERMAN_WORDS) + (2 if re.search(r"[äöüß]", sample.lower()) else 0)
    english = len(words & ENGLISH_WORDS)
    if german >= 3 and german > english:
        return "de"
    if english >= 3 and english > german:
        return "en"
    return default


# --- the quarantine ---------------------------------------------------------------------


def _check_can_manage(actor: User) -> None:
    if not actor.has_perm("cases.manage_queues"):
        raise PermissionDenied


def inbound_retry(*, inbound: InboundMail, actor: User) -> InboundMail:
    """Run a quarantined mail through the inbound path again (e.g. after a fix)."""
    _check_can_manage(actor)
    from caselog.mail.tasks import process_inbound_mail

    with transaction.atomic():
        inbound = InboundMail.objects.select_for_update().get(pk=inbound.pk)
        if inbound.status != InboundMail.Status.QUARANTINED:
            raise ValidationError(_("Only a quarantined mail can be retried."))
        before = {"status": inbound.status, "reason": inbound.reason}
        inbound.status = InboundMail.Status.RECEIVED
        inbound.reason = InboundMail.Reason.NONE
        inbound.error = ""
        inbound.attempts = 0
        inbound.processed_at = None
        inbound.save()
        audit_record(actor=actor, action="mail.retry", target=inbound, before=before, after={"status": inbound.status})
        transaction.on_commit(lambda: process_inbound_mail.enqueue(inbound_id=inbound.pk))
    return inbound


def inbound_create_case(
    *, inbound: InboundMail, actor: User, request_type: RequestType, contact_email: str, locale: str
) -> Case:
    """A manager decides a quarantined mail is a request after all: a case from whatever
    could be read of it (the raw text if it could not be parsed)."""
    _check_can_manage(actor)
    if not ADDRESS_RE.fullmatch(contact_email):
        raise ValidationError({"contact_email": _("Enter a valid email address.")})
    parsed = _parse_leniently(bytes(inbound.raw))
    with transaction.atomic():
        inbound = InboundMail.objects.select_for_update().get(pk=inbound.pk)
        if inbound.status != InboundMail.Status.QUARANTINED:
            raise ValidationError(_("This mail is no longer in quarantine."))
        before = {"status": inbound.status, "reason": inbound.reason}
        if parsed.attachments and not inbound.attachments.exists():
            _store_parsed(inbound, parsed)
        submission = case_submit(
            submitter=_customer_for(contact_email),
            locale=locale,
            request_type=request_type,
            subject=(parsed.subject or inbound.subject or _("(no subject)"))[:200],
            description=_body_of(parsed),
            contact_email=contact_email.lower(),
            contact_name=parsed.from_name,
            channel=Case.Channel.EMAIL,
        )
        message = submission.case.messages.filter(kind=Message.Kind.CUSTOMER).order_by("-created_at", "-id").first()
        assert message is not None
        inbound.reason = InboundMail.Reason.NONE
        inbound.error = ""
        _link(inbound, message, InboundMail.Status.CASE if submission.created else InboundMail.Status.REPLY)
        audit_record(
            actor=actor,
            action="mail.create_case",
            target=inbound,
            before=before,
            after={"status": inbound.status, "case": submission.case.number},
        )
    return submission.case


def _parse_leniently(raw: bytes) -> ParsedMail:
    try:
        with time_limit(settings.MAIL_PARSE_TIME_LIMIT.total_seconds()):
            return parse_mail(raw)
    except Exception:
        head, _sep, body = raw[:200_000].partition(b"\n\n")
        subject = re.search(rb"(?im)^subject:[ \t]*(.{0,200})$", head)
        return ParsedMail(
            subject=clean_text(subject.group(1).decode("utf-8", "replace")).strip() if subject else "",
            text=clean_text((body or head).decode("utf-8", "replace")),
        )
