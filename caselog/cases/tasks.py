"""Side effects of case work, run by the background worker after the change commits."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from caselog.cases.models import Case, Message


def _send(*, case: Case, template: str, context: dict[str, object]) -> None:
    with translation.override(case.locale):
        context = {"case": case, "site_url": settings.SITE_URL, **context}
        subject = render_to_string(f"cases/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"cases/email/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [case.contact_email])


def _case_link(case: Case, guest_token: str = "") -> str:
    if guest_token:
        return settings.SITE_URL + reverse("cases:guest_case", args=[guest_token])
    if case.customer_id:
        return settings.SITE_URL + reverse("cases:my_case", args=[case.number])
    return ""


@task()
def send_case_confirmation(*, case_id: int, guest_token: str = "") -> None:
    """Confirm a new case; a guest's mail carries the private link to follow it."""
    case = Case.objects.select_related("request_type").get(pk=case_id)
    _send(case=case, template="case_created", context={"link": _case_link(case, guest_token)})


@task()
def send_message_added_confirmation(*, message_id: int) -> None:
    message = Message.objects.select_related("case").get(pk=message_id)
    _send(case=message.case, template="message_added", context={"link": _case_link(message.case)})


@task()
def send_reply_email(*, message_id: int) -> None:
    """Email an agent's public reply to the customer."""
    message = Message.objects.select_related("case", "author").get(pk=message_id, kind=Message.Kind.REPLY)
    _send(case=message.case, template="agent_reply", context={"message": message, "link": _case_link(message.case)})
