"""Repair emails, sent by the worker after the transition committed."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django_tasks import task

from caselog.core.outbox import absolute_url, mail_render, mail_send
from caselog.repairs.models import RepairEvent


@task()
def send_repair_status_email(*, event_id: int) -> None:
    event = (
        RepairEvent.objects.select_related("order__customer", "order__device__product", "order__location")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return
    order = event.order
    customer = order.customer
    context = {
        "event": event,
        "order": order,
        "user": customer,
        "order_url": absolute_url(reverse("repairs:mine_detail", args=[order.number])),
    }
    language = customer.locale or settings.LANGUAGE_CODE
    subject, body = mail_render(language=language, template="repairs/email/status", context=context)
    mail_send(to=customer.email, subject=subject, body=body, language=language, key=f"repairs.status:{event.pk}")
