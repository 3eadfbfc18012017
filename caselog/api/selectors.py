from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from caselog.accounts.models import User
from caselog.api.models import ApiToken, WebhookDelivery, WebhookSubscription


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """Every token for a manager (integration tokens belong to the organisation); anyone else who
    may hold tokens sees their own personal ones; nobody else any."""
    from caselog.api.services import can_hold_api_token

    if user.has_perm("api.manage_apitoken"):
        return ApiToken.objects.select_related("owner")
    if not can_hold_api_token(user):
        return ApiToken.objects.none()
    return ApiToken.objects.select_related("owner").filter(owner=user)


def api_token_for_user(*, user: User, pk: int) -> ApiToken:
    return get_object_or_404(api_token_list(user=user), pk=pk)


def webhook_subscription_list(*, user: User) -> QuerySet[WebhookSubscription]:
    """The endpoints this user subscribed; nobody else's (another manager's is a 404)."""
    if not user.is_active or not user.has_perm("api.manage_apitoken"):
        return WebhookSubscription.objects.none()
    return WebhookSubscription.objects.filter(owner=user)


def webhook_subscription_for_user(*, user: User, pk: int) -> WebhookSubscription:
    return get_object_or_404(webhook_subscription_list(user=user), pk=pk)


def webhook_delivery_list(*, subscription: WebhookSubscription) -> QuerySet[WebhookDelivery]:
    return subscription.deliveries.order_by("-created_at", "-id")


def webhook_delivery_for_user(*, user: User, pk: int) -> WebhookDelivery:
    return get_object_or_404(
        WebhookDelivery.objects.select_related("subscription").filter(
            subscription__in=webhook_subscription_list(user=user)
        ),
        pk=pk,
    )
