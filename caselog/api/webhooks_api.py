"""Webhook subscriptions over the API (scope `webhooks:manage`). A token manages its owner's
subscriptions only; another owner's subscription is a 404."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from caselog.api import selectors, services, webhooks
from caselog.api.models import WebhookDelivery, WebhookEvent, WebhookSubscription
from caselog.core.rest import (
    ERRORS,
    ApiError,
    IdempotencyKey,
    cursor_id,
    idempotent,
    keyset_page,
    token_auth,
    token_owner,
)

router = Router(tags=["webhooks"])
CURSOR_SALT = "caselog.api.webhooks.cursor"


class SubscriptionOut(Schema):
    id: int
    url: str
    description: str
    events: list[str]
    is_active: bool
    consecutive_failures: int
    disabled_at: datetime | None
    created_at: datetime


class SubscriptionCreatedOut(SubscriptionOut):
    secret: str = Field(..., description="Signs every delivery; returned only here, once")


class SubscriptionIn(Schema):
    url: str = Field(..., min_length=1, max_length=500)
    events: list[WebhookEvent] = Field(..., min_length=1, max_length=len(WebhookEvent.values))
    description: str = Field("", max_length=120)


class SubscriptionPatch(Schema):
    url: str | None = Field(None, min_length=1, max_length=500)
    events: list[WebhookEvent] | None = Field(None, min_length=1, max_length=len(WebhookEvent.values))
    description: str | None = Field(None, max_length=120)
    is_active: bool | None = Field(None, description="true switches a disabled endpoint back on")


class SubscriptionPage(Schema):
    items: list[SubscriptionOut]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null on the last")


class SubscriptionFilters(Schema):
    cursor: str = ""
    limit: int = Field(50, ge=1, le=200)


class DeliveryOut(Schema):
    id: int
    event: str
    event_id: str
    state: str
    attempts: int
    response_code: int | None
    response_excerpt: str
    error: str
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    created_at: datetime


class DeliveryPage(Schema):
    items: list[DeliveryOut]
    next_cursor: str | None


class DeliveryFilters(Schema):
    cursor: str = ""
    limit: int = Field(50, ge=1, le=200)


def _subscription(request: HttpRequest, pk: int) -> WebhookSubscription:
    return selectors.webhook_subscription_for_user(user=token_owner(request), pk=pk)


def _out(subscription: WebhookSubscription) -> dict[str, Any]:
    return SubscriptionOut(
        id=subscription.pk,
        url=subscription.url,
        description=subscription.description,
        events=subscription.events,
        is_active=subscription.is_active,
        consecutive_failures=subscription.consecutive_failures,
        disabled_at=subscription.disabled_at,
        created_at=subscription.created_at,
    ).model_dump(mode="json")


def _delivery_out(delivery: WebhookDelivery) -> dict[str, Any]:
    return DeliveryOut(
        id=delivery.pk,
        event=delivery.event,
        event_id=str(delivery.event_id),
        state=delivery.state,
        attempts=delivery.attempts,
        response_code=delivery.response_code,
        response_excerpt=delivery.response_excerpt,
        error=delivery.error,
        next_attempt_at=delivery.next_attempt_at,
        last_attempt_at=delivery.last_attempt_at,
        created_at=delivery.created_at,
    ).model_dump(mode="json")


MANAGE = token_auth("webhooks:manage")


@contextmanager
def _public_target_required() -> Iterator[None]:
    """A private target is a request the server refuses on principle, not a form slip: 400 with
    its own code, so an integrator can tell it from a malformed URL (422)."""
    try:
        yield
    except webhooks.TargetNotAllowed as refusal:
        raise ApiError(400, refusal.code, refusal.reason, {"url": [refusal.reason]}) from refusal


@router.get(
    "/webhooks",
    response={200: SubscriptionPage, **ERRORS},
    auth=MANAGE,
    summary="The owner's subscriptions, newest first, cursor-paginated",
)
def webhook_list(request: HttpRequest, filters: Query[SubscriptionFilters]) -> dict[str, Any]:
    subscriptions = selectors.webhook_subscription_list(user=token_owner(request))
    if filters.cursor:
        subscriptions = subscriptions.filter(pk__lt=cursor_id(filters.cursor, salt=CURSOR_SALT))
    return keyset_page(subscriptions.order_by("-pk"), limit=filters.limit, salt=CURSOR_SALT, out=_out)


@router.post(
    "/webhooks",
    response={201: SubscriptionCreatedOut, **ERRORS},
    auth=MANAGE,
    summary="Subscribe an endpoint; the answer carries its signing secret, shown this once",
)
def webhook_create(
    request: HttpRequest, payload: SubscriptionIn, idempotency_key: IdempotencyKey = None
) -> tuple[int, dict[str, Any]]:
    def compute() -> tuple[int, dict[str, Any]]:
        with _public_target_required():
            subscription, secret = services.webhook_subscription_create(
                actor=token_owner(request),
                url=payload.url,
                events=[str(event) for event in payload.events],
                description=payload.description,
            )
        return 201, {**_out(subscription), "secret": secret}

    return idempotent(request, idempotency_key, compute)


@router.get("/webhooks/{pk}", response={200: SubscriptionOut, **ERRORS}, auth=MANAGE, summary="A subscription")
def webhook_get(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _out(_subscription(request, pk))


@router.patch(
    "/webhooks/{pk}",
    response={200: SubscriptionOut, **ERRORS},
    auth=MANAGE,
    summary="Change a subscription, or switch it back on (is_active: true)",
)
def webhook_update(request: HttpRequest, pk: int, payload: SubscriptionPatch) -> dict[str, Any]:
    with _public_target_required():
        subscription = services.webhook_subscription_update(
            actor=token_owner(request),
            subscription=_subscription(request, pk),
            url=payload.url,
            events=[str(event) for event in payload.events] if payload.events is not None else None,
            description=payload.description,
            is_active=payload.is_active,
        )
    return _out(subscription)


@router.delete("/webhooks/{pk}", response={204: None, **ERRORS}, auth=MANAGE, summary="Delete a subscription")
def webhook_delete(request: HttpRequest, pk: int) -> tuple[int, None]:
    services.webhook_subscription_delete(actor=token_owner(request), subscription=_subscription(request, pk))
    return 204, None


@router.get(
    "/webhooks/{pk}/deliveries",
    response={200: DeliveryPage, **ERRORS},
    auth=MANAGE,
    summary="The delivery log, newest first, cursor-paginated",
)
def webhook_deliveries(request: HttpRequest, pk: int, filters: Query[DeliveryFilters]) -> dict[str, Any]:
    deliveries = selectors.webhook_delivery_list(subscription=_subscription(request, pk))
    if filters.cursor:
        deliveries = deliveries.filter(pk__lt=cursor_id(filters.cursor, salt=CURSOR_SALT))
    return keyset_page(deliveries.order_by("-pk"), limit=filters.limit, salt=CURSOR_SALT, out=_delivery_out)


@router.post(
    "/webhooks/deliveries/{pk}/redeliver",
    response={202: DeliveryOut, **ERRORS},
    auth=MANAGE,
    summary="Send a delivery again (by the background worker)",
)
def webhook_redeliver(request: HttpRequest, pk: int) -> tuple[int, dict[str, Any]]:
    owner = token_owner(request)
    delivery = services.webhook_redeliver(actor=owner, delivery=selectors.webhook_delivery_for_user(user=owner, pk=pk))
    delivery.refresh_from_db()
    return 202, _delivery_out(delivery)
