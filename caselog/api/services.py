from __future__ import annotations

import hashlib
import logging
import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from caselog.accounts.models import User
from caselog.api import webhooks
from caselog.api.models import (
    CONSOLE_PERMISSIONS,
    PERSONAL_SCOPES,
    ApiScope,
    ApiToken,
    IdempotentRequest,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from caselog.audit.services import audit_record
from caselog.core.events import event_kind

logger = logging.getLogger(__name__)

TOKEN_PREFIX = "cl_"


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def can_hold_api_token(user: User) -> bool:
    """Managers make integration tokens; everyone who works in the console makes personal ones."""
    return user.is_active and (
        user.has_perm("api.manage_apitoken") or any(user.has_perm(perm) for perm in CONSOLE_PERMISSIONS)
    )


def api_scopes_for(user: User) -> list[str]:
    """The scopes this user's tokens may carry."""
    if user.has_perm("api.manage_apitoken"):
        return list(ApiScope.values)
    return [str(scope) for scope in PERSONAL_SCOPES] if can_hold_api_token(user) else []


def api_token_create(*, actor: User, name: str, scopes: list[str]) -> tuple[ApiToken, str]:
    """Create a token acting as `actor` and return it with its secret, which is shown once and
    never stored. A manager's may carry any scope (integration tokens); anyone else's only the
    personal ones. Either way it sees no more than its owner: a partner agent's sees only the
    partner's customers, devices and cases."""
    if not can_hold_api_token(actor):
        raise PermissionDenied
    unknown = [scope for scope in scopes if scope not in ApiScope.values]
    if unknown or not scopes:
        raise ValidationError({"scopes": _("Choose at least one known scope.")})
    allowed = api_scopes_for(actor)
    if any(scope not in allowed for scope in scopes):
        raise ValidationError({"scopes": _("Only a manager can give a token this scope.")})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            name=name.strip()[:80], owner=actor, scopes=sorted(set(scopes)), prefix=raw[:10], token_hash=token_hash(raw)
        )
        from caselog.audit.services import audit_record

        audit_record(actor=actor, action="api.token_create", target=token, after={"scopes": ",".join(token.scopes)})
    return token, raw


def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke a token at once; requests carrying it get 401 from then on. Managers revoke any
    token, everyone else their own."""
    if not actor.has_perm("api.manage_apitoken") and not (actor.is_active and token.owner_id == actor.pk):
        raise PermissionDenied
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        from caselog.audit.services import audit_record

        audit_record(actor=actor, action="api.token_revoke", target=token)
    return token


def api_token_authenticate(*, raw: str) -> ApiToken | None:
    """The active token for this secret, its last use noted; None for unknown or revoked ones."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = ApiToken.objects.select_related("owner").filter(token_hash=token_hash(raw), revoked_at__isnull=True).first()
    if token is None or not token.owner.is_active:
        return None
    now = timezone.now()
    # One write a minute at most: a busy integration should not write on every request.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


# --- webhooks ---------------------------------------------------------------------------------

WEBHOOK_SECRET_PREFIX = "whsec_"
SWEEP_BATCH = 500


def _check_can_manage_webhooks(actor: User) -> None:
    if not actor.is_active or not actor.has_perm("api.manage_apitoken"):
        raise PermissionDenied


def _clean_events(events: list[str]) -> list[str]:
    unknown = [event for event in events if event not in WebhookEvent.values]
    if unknown or not events:
        raise ValidationError({"events": _("Choose at least one known event.")})
    return sorted(set(events))


def _clean_url(url: str) -> str:
    url = url.strip()
    validator = URLValidator(schemes=["http", "https"])
    try:
        validator(url)
    except ValidationError as error:
        raise ValidationError({"url": _("Enter a valid http:// or https:// URL.")}) from error
    if len(url) > 500:
        raise ValidationError({"url": _("At most 500 characters.")})
    webhooks.target_check(url)  # raises TargetNotAllowed (a ValidationError on "url")
    return url


def webhook_subscription_create(
    *, actor: User, url: str, events: list[str], description: str = ""
) -> tuple[WebhookSubscription, str]:
    """Subscribe an endpoint; returns it with its signing secret, which the owner sees this once."""
    _check_can_manage_webhooks(actor)
    clean = {"url": _clean_url(url), "events": _clean_events(events)}
    secret = WEBHOOK_SECRET_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        subscription = WebhookSubscription.objects.create(
            owner=actor, description=description.strip()[:120], secret=secret, **clean
        )
        audit_record(
            actor=actor,
            action="api.webhook_create",
            target=subscription,
            after={"url": subscription.url, "events": ",".join(subscription.events)},
        )
    return subscription, secret


def webhook_subscription_update(
    *,
    actor: User,
    subscription: WebhookSubscription,
    url: str | None = None,
    events: list[str] | None = None,
    description: str | None = None,
    is_active: bool | None = None,
) -> WebhookSubscription:
    """Change an endpoint. Switching it back on forgets its failures, so it gets a fresh start."""
    _check_can_manage_webhooks(actor)
    with transaction.atomic():
        subscription = WebhookSubscription.objects.select_for_update().get(pk=subscription.pk)
        before = {"url": subscription.url, "events": ",".join(subscription.events), "active": subscription.is_active}
        if url is not None:
            subscription.url = _clean_url(url)
        if events is not None:
            subscription.events = _clean_events(events)
        if description is not None:
            subscription.description = description.strip()[:120]
        if is_active is not None and is_active != subscription.is_active:
            subscription.is_active = is_active
            subscription.consecutive_failures = 0
            subscription.disabled_at = None if is_active else timezone.now()
        subscription.save()
        after = {"url": subscription.url, "events": ",".join(subscription.events), "active": subscription.is_active}
        audit_record(actor=actor, action="api.webhook_update", target=subscription, before=before, after=after)
    return subscription


def webhook_subscription_delete(*, actor: User, subscription: WebhookSubscription) -> None:
    """Delete an endpoint and its delivery log."""
    _check_can_manage_webhooks(actor)
    with transaction.atomic():
        audit_record(actor=actor, action="api.webhook_delete", target=subscription, before={"url": subscription.url})
        subscription.delete()


def webhook_fanout(
    *, event: str, payload: dict[str, Any], occurred: str, target: str, scope_id: int | None
) -> list[int]:
    """One delivery per active subscription to `event` whose owner may see the object; returns their ids.
    (`target`, the object's model label, is only kept for tasks enqueued before the event kinds.)"""
    kind = event_kind(event)
    event_id = uuid.uuid4()
    created = []
    now = timezone.now()
    subscriptions = WebhookSubscription.objects.filter(is_active=True).select_related("owner")
    for subscription in subscriptions:
        if event not in subscription.events or not subscription.owner.is_active:
            continue
        if not kind.visible_to(subscription.owner, scope_id):
            continue
        delivery = WebhookDelivery.objects.create(
            subscription=subscription,
            event=event,
            event_id=event_id,
            payload={"occurred": occurred, "data": payload},
            next_attempt_at=now,
        )
        created.append(delivery.pk)
    return created


def _claim(delivery_id: int, now: datetime) -> bool:
    """Take the delivery for one try. The sweep and the task may both reach it; one wins."""
    lease = now + timedelta(seconds=webhooks.request_timeout_seconds() * 3)
    return bool(
        WebhookDelivery.objects.filter(
            pk=delivery_id,
            state__in=[WebhookDelivery.State.PENDING, WebhookDelivery.State.RETRYING],
            next_attempt_at__lte=now,
            subscription__is_active=True,
        ).update(next_attempt_at=lease)
    )


def webhook_deliver(*, delivery_id: int) -> WebhookDelivery | None:
    """One try of one delivery (the worker calls this). On failure it is scheduled again after
    the next of WEBHOOK_RETRY_DELAYS, or given up; an endpoint failing WEBHOOK_DISABLE_AFTER_FAILURES
    times in a row is switched off and its owner told by email."""
    now = timezone.now()
    if not _claim(delivery_id, now):
        return None
    delivery = WebhookDelivery.objects.select_related("subscription__owner").get(pk=delivery_id)
    subscription = delivery.subscription
    body = webhooks.event_body(
        event_id=str(delivery.event_id),
        event=delivery.event,
        created=datetime.fromisoformat(delivery.payload["occurred"]),
        data=delivery.payload["data"],
    )
    headers = {
        "Content-Type": "application/json",
        "User-Agent": webhooks.USER_AGENT,
        "Caselog-Event": delivery.event,
        "Caselog-Delivery": str(delivery.pk),
        webhooks.SIGNATURE_HEADER: webhooks.signature_header(secret=subscription.secret, body=body),
    }
    outcome = webhooks.post(url=subscription.url, body=body, headers=headers)
    done = timezone.now()
    with transaction.atomic():
        delivery.attempts += 1
        delivery.last_attempt_at = done
        delivery.response_code = outcome.status
        delivery.response_excerpt = outcome.excerpt[: webhooks.EXCERPT_CHARS]
        delivery.error = outcome.error[:300]
        delays = webhooks.retry_delays()
        if outcome.ok:
            delivery.state, delivery.next_attempt_at = WebhookDelivery.State.SUCCEEDED, None
            WebhookSubscription.objects.filter(pk=subscription.pk).update(consecutive_failures=0)
        elif outcome.refused:
            # Nothing was sent, and trying again later would not make the address public.
            delivery.state, delivery.next_attempt_at = WebhookDelivery.State.FAILED, None
            _count_failure(subscription_id=subscription.pk)
        else:
            if delivery.attempts <= len(delays):
                delivery.state = WebhookDelivery.State.RETRYING
                delivery.next_attempt_at = done + delays[delivery.attempts - 1]
            else:
                delivery.state, delivery.next_attempt_at = WebhookDelivery.State.FAILED, None
            _count_failure(subscription_id=subscription.pk)
        delivery.save()
    return delivery


def _count_failure(*, subscription_id: int) -> None:
    subscription = WebhookSubscription.objects.select_for_update().select_related("owner").get(pk=subscription_id)
    subscription.consecutive_failures += 1
    fields = ["consecutive_failures"]
    if subscription.is_active and subscription.consecutive_failures >= webhooks.disable_after_failures():
        subscription.is_active, subscription.disabled_at = False, timezone.now()
        fields += ["is_active", "disabled_at"]
        audit_record(
            actor=None,
            action="api.webhook_disabled",
            target=subscription,
            after={"consecutive_failures": subscription.consecutive_failures},
        )
        from caselog.api.tasks import webhook_disabled_email

        transaction.on_commit(lambda: webhook_disabled_email.enqueue(subscription_id=subscription_id))
    subscription.save(update_fields=fields)


def webhook_deliveries_due(*, now: datetime | None = None) -> list[int]:
    """Deliveries whose next try is due, on endpoints that are switched on (oldest first)."""
    now = now or timezone.now()
    return list(
        WebhookDelivery.objects.filter(
            state__in=[WebhookDelivery.State.PENDING, WebhookDelivery.State.RETRYING],
            next_attempt_at__lte=now,
            subscription__is_active=True,
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )


def webhook_redeliver(*, actor: User, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery again now, whatever became of it (the receiver may have lost it)."""
    _check_can_manage_webhooks(actor)
    if not delivery.subscription.is_active:
        raise ValidationError(_("Switch the endpoint on before sending again."))
    with transaction.atomic():
        delivery.state, delivery.next_attempt_at = WebhookDelivery.State.PENDING, timezone.now()
        delivery.save(update_fields=["state", "next_attempt_at"])
        audit_record(
            actor=actor, action="api.webhook_redeliver", target=delivery.subscription, after={"delivery": delivery.pk}
        )
        from caselog.api.tasks import webhook_deliver_task

        delivery_id = delivery.pk
        transaction.on_commit(lambda: webhook_deliver_task.enqueue(delivery_id=delivery_id))
    return delivery


# --- housekeeping -----------------------------------------------------------------------------


def idempotency_keys_prune(*, now: datetime | None = None) -> int:
    """Forget stored answers older than API_IDEMPOTENCY_KEEP (a day by default): a client retries
    within minutes, and the table would otherwise grow with every creating call."""
    keep: timedelta = settings.API_IDEMPOTENCY_KEEP
    deleted, _by_model = IdempotentRequest.objects.filter(created_at__lt=(now or timezone.now()) - keep).delete()
    return deleted


def webhook_deliveries_prune(*, now: datetime | None = None) -> int:
    """Drop finished deliveries older than WEBHOOK_DELIVERY_KEEP (30 days by default)."""
    keep: timedelta = settings.WEBHOOK_DELIVERY_KEEP
    deleted, _by_model = WebhookDelivery.objects.filter(
        state__in=[WebhookDelivery.State.SUCCEEDED, WebhookDelivery.State.FAILED],
        created_at__lt=(now or timezone.now()) - keep,
    ).delete()
    return deleted
