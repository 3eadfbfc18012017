from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from caselog.accounts.models import User
from caselog.api.models import ApiToken, WebhookDelivery, WebhookSubscription


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """Every token, for those who manage them (tokens belong to the organisation, not a person)."""
    if not user.has_perm("api.manage_apitoken"):
        return ApiToken.objects.none()
    return ApiToken.objects.select_related("owner")


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
