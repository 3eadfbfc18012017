"""Side effects of case work, run by the background worker after the change commits.

Every mail about a case threads in the customer's mail client: it carries its own
Message-ID (made from the case number and signed, so that a reply finds its case even when
nothing else matches), In-Reply-To the customer's latest mail and References to the
conversation; a plain text and an HTML part, in the case's language. Each goes through the
outbox (caselog/core/outbox.py), which tries a failed send again with growing delays; the
Message-ID stays the same across tries, so a mail that did go out before a failure is not
shown twice."""

from __future__ import annotations

import hashlib
import hmac
import logging
from email.utils import parseaddr

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django_tasks import task

from caselog.cases import clocks
from caselog.cases.models import Case, Message
from caselog.cases.selectors import guest_token_for
from caselog.core.events import Event, event_subscribe
from caselog.core.outbox import mail_send, text_render
from caselog.sla import tasks as moved_from_sla
from caselog.sla.models import Calendar, Escalation, SLAPolicy
from caselog.sla.services import CALENDAR_CHANGED, POLICY_CHANGED

logger = logging.getLogger(__name__)

MAIL_REFERENCES_KEPT = 10


def case_mail_message_id(*, case_number: str, kind: str, key: int) -> str:
    """The Message-ID (without angle brackets) of a mail about a case: readable, unique per
    (kind, key), and signed with SECRET_KEY so that nobody can forge one into another case."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "caselog.invalid"
    token = f"{case_number}.{kind}.{key}".lower()
    signature = hmac.new(settings.SECRET_KEY.encode(), token.encode(), hashlib.sha256).hexdigest()[:16]
    return f"{token}.{signature}@{domain.lower()}"


def _thread_headers(*, case: Case, own_id: str) -> dict[str, str]:
    ids = [
        mail_id
        for mail_id in case.messages.exclude(mail_message_id="")
        .order_by("created_at", "id")
        .values_list("mail_message_id", flat=True)
        if mail_id != own_id
    ]
    confirmation = case_mail_message_id(case_number=case.number or "", kind="created", key=case.pk)
    if own_id != confirmation and case.channel != Case.Channel.EMAIL:
        ids.insert(0, confirmation)
    headers = {"Message-ID": f"<{own_id}>"}
    if ids:
        references = ids[:1] + ids[1:][-(MAIL_REFERENCES_KEPT - 1) :]
        headers["In-Reply-To"] = f"<{ids[-1]}>"
        headers["References"] = " ".join(f"<{mail_id}>" for mail_id in references)
    return headers


def _send(*, case: Case, template: str, context: dict[str, object], kind: str, key: int, automatic: bool = True) -> str:
    own_id = case_mail_message_id(case_number=case.number or "", kind=kind, key=key)
    with translation.override(case.locale):
        context = {"case": case, "site_url": settings.SITE_URL, **context}
        subject = " ".join(text_render(f"cases/email/{template}_subject.txt", context).split())
        body = text_render(f"cases/email/{template}.txt", context)
        # The text part is rendered without autoescaping; in the HTML part what the agent
        # typed must be escaped, whatever render_to_string marked safe.
        html = render_to_string("cases/email/message.html", {**context, "body": escape(body), "subject": subject})
    mail_send(
        to=case.contact_email,
        subject=subject,
        body=body,
        html=html,
        headers=_thread_headers(case=case, own_id=own_id),
        language=case.locale,
        key=f"case:{own_id}",
        automatic=automatic,
    )
    return own_id


def _case_link(case: Case) -> str:
    if case.customer_id is None:
        return settings.SITE_URL + reverse("cases:guest_case", args=[guest_token_for(case=case)])
    if case.customer_id:
        return settings.SITE_URL + reverse("cases:my_case", args=[case.number])
    return ""


@task()
def send_case_confirmation(*, case_id: int, attempt: int = 1) -> None:
    """Confirm a new case; a guest's mail carries the private link to follow it. (`attempt`
    is accepted for tasks queued before the outbox took over retries.)"""
    case = Case.objects.select_related("request_type").get(pk=case_id)
    _send(
        case=case,
        template="case_created",
        context={"link": _case_link(case)},
        kind="created",
        key=case.pk,
    )


@task()
def send_message_added_confirmation(*, message_id: int, attempt: int = 1) -> None:
    message = Message.objects.select_related("case").get(pk=message_id)
    _send(
        case=message.case,
        template="message_added",
        context={"link": _case_link(message.case)},
        kind="added",
        key=message.pk,
    )


@task()
def send_reply_email(*, message_id: int, attempt: int = 1) -> None:
    """Email an agent's public reply to the customer; its Message-ID is kept on the message
    so that the customer's answer lands on this case."""
    message = Message.objects.select_related("case", "author").get(pk=message_id, kind=Message.Kind.REPLY)
    own_id = _send(
        case=message.case,
        template="agent_reply",
        context={"message": message, "link": _case_link(message.case)},
        kind="reply",
        key=message.pk,
        automatic=False,
    )
    if message.mail_message_id != own_id:
        message.mail_message_id = own_id
        message.save(update_fields=["mail_message_id"])


# --- the SLA clocks: escalation rounds, escalation mail, recomputing due times after a
# calendar or policy changed. Every task is safe to run twice.


@task()
def sla_escalate_round() -> int:
    """One escalation round (settings.PERIODIC_TASKS runs it every minute; the `sla_escalate`
    command does the same by hand)."""
    return len(clocks.sla_escalate())


@task()
def send_escalation_email(*, escalation_id: int) -> int:
    escalation = Escalation.objects.filter(pk=escalation_id).first()
    return clocks.escalation_email_send(escalation=escalation) if escalation else 0


@task()
def recompute_for_calendar(*, calendar_id: int) -> int:
    """Open cases on this calendar get due times from its new hours."""
    calendar = Calendar.objects.filter(pk=calendar_id).first()
    return clocks.sla_recompute(clocks.cases_using_calendar(calendar)) if calendar else 0


@task()
def recompute_for_policy(*, policy_id: int) -> int:
    policy = SLAPolicy.objects.filter(pk=policy_id).first()
    return clocks.sla_recompute(clocks.cases_using_policy(policy)) if policy else 0


def clocks_follow_calendar(event: Event) -> None:
    """`sla.calendar_changed` (after commit): the worker recomputes the open cases on it."""
    recompute_for_calendar.enqueue(calendar_id=event.target.pk)


def clocks_follow_policy(event: Event) -> None:
    """`sla.policy_changed` (after commit): the worker recomputes the open cases under it."""
    recompute_for_policy.enqueue(policy_id=event.target.pk)


def clocks_subscribe() -> None:
    """Follow the SLA app's changes, and answer for the tasks that lived there: rows queued
    before they moved name `caselog.sla.tasks.<name>`."""
    event_subscribe(CALENDAR_CHANGED, clocks_follow_calendar)
    event_subscribe(POLICY_CHANGED, clocks_follow_policy)
    for moved in (sla_escalate_round, send_escalation_email, recompute_for_calendar, recompute_for_policy):
        moved_from_sla.task_moved_register(moved.name, moved)
