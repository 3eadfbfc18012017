"""Repair emails, sent by the worker after the transition committed."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

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
        "order_url": settings.SITE_URL.rstrip("/") + reverse("repairs:mine_detail", args=[order.number]),
    }
    with translation.override(customer.locale or settings.LANGUAGE_CODE):
        subject = render_to_string("repairs/email/status_subject.txt", context).strip()
        body = render_to_string("repairs/email/status.txt", context)
    send_mail(subject, body, None, [customer.email])
