"""Store emails and the dispute linker, run by the worker after commit."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from caselog.cases.models import Case
from caselog.store.models import Refund


@task()
def send_refund_email(*, refund_id: int) -> None:
    refund = Refund.objects.select_related("purchase__customer").filter(pk=refund_id).first()
    if refund is None:
        return
    customer = refund.purchase.customer
    context = {
        "refund": refund,
        "purchase": refund.purchase,
        "user": customer,
        "purchases_url": settings.SITE_URL.rstrip("/") + reverse("store:purchases"),
    }
    with translation.override(customer.locale):
        subject = render_to_string("store/email/refund_subject.txt", context).strip()
        body = render_to_string("store/email/refund.txt", context)
    send_mail(subject, body, None, [customer.email])


@task()
def link_disputed_orders(*, case_id: int) -> None:
    from caselog.store.services import dispute_link_orders

    case = Case.objects.filter(pk=case_id).first()
    if case is not None and case.request_type.slug == "unauthorized-purchases":
        dispute_link_orders(case=case)
