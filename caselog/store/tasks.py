"""Store emails and the dispute linker, run by the worker after commit."""

from __future__ import annotations

from django.urls import reverse
from django_tasks import task

from caselog.cases.models import Case
from caselog.core.outbox import absolute_url, mail_render, mail_send
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
        "purchases_url": absolute_url(reverse("store:purchases")),
    }
    subject, body = mail_render(language=customer.locale, template="store/email/refund", context=context)
    mail_send(to=customer.email, subject=subject, body=body, language=customer.locale, key=f"store.refund:{refund.pk}")


@task()
def link_disputed_orders(*, case_id: int) -> None:
    from caselog.store.services import dispute_link_orders

    case = Case.objects.filter(pk=case_id).first()
    if case is not None and case.request_type.slug == "unauthorized-purchases":
        dispute_link_orders(case=case)
