"""Webhook work on the background worker: fan an event out to its subscriptions, try each
delivery, sweep for tries that are due, tell an owner their endpoint was switched off."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from caselog.api import services
from caselog.api.models import WebhookSubscription
from caselog.core.events import Event
from caselog.core.outbox import absolute_url, mail_send


def webhooks_on_event(event: Event) -> None:
    """Subscriber (after commit) to every domain event: the endpoints subscribed to its kind hear
    of it, if their owners may see the object; the HTTP requests are made by the background
    worker, never in the request."""
    subscribed = any(
        event.kind in kinds
        for kinds in WebhookSubscription.objects.filter(is_active=True).values_list("events", flat=True)
    )
    if not subscribed:
        return
    webhook_fanout.enqueue(
        event=event.kind,
        payload=event.payload(),
        occurred=event.occurred.isoformat(),
        target=event.target_label,
        scope_id=event.scope_id(),
    )


@task()
def webhook_fanout(*, event: str, payload: dict[str, Any], occurred: str, target: str, scope_id: int | None) -> None:
    for delivery_id in services.webhook_fanout(
        event=event, payload=payload, occurred=occurred, target=target, scope_id=scope_id
    ):
        webhook_deliver_task.enqueue(delivery_id=delivery_id)


@task()
def webhook_deliver_task(*, delivery_id: int) -> None:
    services.webhook_deliver(delivery_id=delivery_id)


@task()
def webhook_deliver_due() -> int:
    """Periodic: every delivery whose next try is due gets tried (retries, and any first try
    whose task was lost)."""
    due = services.webhook_deliveries_due()
    for delivery_id in due:
        webhook_deliver_task.enqueue(delivery_id=delivery_id)
    return len(due)


@task()
def api_housekeeping() -> None:
    """Periodic: forget old idempotency answers and old finished deliveries."""
    services.idempotency_keys_prune()
    services.webhook_deliveries_prune()


@task()
def webhook_disabled_email(*, subscription_id: int) -> None:
    subscription = WebhookSubscription.objects.select_related("owner").filter(pk=subscription_id).first()
    if subscription is None or subscription.is_active:
        return
    owner = subscription.owner
    with translation.override(owner.locale):
        subject = _("Webhook endpoint switched off: %(url)s") % {"url": subscription.url[:80]}
        body = render_to_string(
            "api/webhook_disabled_email.txt",
            {
                "subscription": subscription,
                "owner": owner,
                "link": absolute_url(reverse("console:webhook_detail", args=[subscription.pk])),
            },
        )
    mail_send(to=owner.email, subject=subject, body=body, language=owner.locale)
