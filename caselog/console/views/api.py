"""The console's pages for API tokens and webhook endpoints (the api app owns the models and services)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caselog.accounts.models import User
from caselog.api import selectors, services
from caselog.api.forms import ApiTokenForm, WebhookSubscriptionForm
from caselog.api.selectors import api_token_for_user, api_token_list
from caselog.api.services import api_token_create, api_token_revoke
from caselog.core.decorators import permission_required_or_404
from caselog.core.requests import request_user


def _token_holder(request: HttpRequest) -> User:
    """Whoever may hold API tokens (console and repair-shop users); anyone else gets 404."""
    user = request_user(request)
    if not services.can_hold_api_token(user):
        raise Http404
    return user


def token_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = _token_holder(request)
    allowed = services.api_scopes_for(user)
    form = ApiTokenForm(request.POST or None, allowed_scopes=allowed)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = api_token_create(actor=user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            created = {"token": token, "raw": raw}
            form = ApiTokenForm(allowed_scopes=allowed)
    page = Paginator(api_token_list(user=user), 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "created": created, "manages_tokens": user.has_perm("api.manage_apitoken")}
    response = render(request, "console/api_token_list.html", context, status=422 if form.errors else 200)
    response["Cache-Control"] = "no-store"  # the new secret is on this page
    return response


@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user = _token_holder(request)
    token = api_token_revoke(actor=user, token=api_token_for_user(user=user, pk=pk))
    messages.success(request, _("Token %(name)s is revoked.") % {"name": token.name})
    return redirect("console:api_token_list")


@permission_required_or_404("api.manage_apitoken")
def webhook_list(request: HttpRequest) -> HttpResponse:
    form = WebhookSubscriptionForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            subscription, secret = services.webhook_subscription_create(
                actor=request_user(request), **form.cleaned_data
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            created = {"subscription": subscription, "secret": secret}
            form = WebhookSubscriptionForm()
    subscriptions = selectors.webhook_subscription_list(user=request_user(request))
    page = Paginator(subscriptions, 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "created": created}
    response = render(request, "console/webhook_list.html", context, status=422 if form.errors else 200)
    response["Cache-Control"] = "no-store"  # the new secret is on this page
    return response


@permission_required_or_404("api.manage_apitoken")
def webhook_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The endpoint with its delivery log; a POST changes its URL, description or events."""
    subscription = selectors.webhook_subscription_for_user(user=request_user(request), pk=pk)
    initial = {"url": subscription.url, "description": subscription.description, "events": subscription.events}
    form = WebhookSubscriptionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.webhook_subscription_update(
                actor=request_user(request), subscription=subscription, **form.cleaned_data
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The webhook endpoint is saved."))
            return redirect("console:webhook_detail", pk=pk)
    deliveries = Paginator(selectors.webhook_delivery_list(subscription=subscription), 50).get_page(
        request.GET.get("page")
    )
    context = {"subscription": subscription, "page": deliveries, "form": form}
    return render(request, "console/webhook_detail.html", context, status=422 if form.errors else 200)


@require_POST
@permission_required_or_404("api.manage_apitoken")
def webhook_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = selectors.webhook_subscription_for_user(user=request_user(request), pk=pk)
    services.webhook_subscription_update(
        actor=request_user(request), subscription=subscription, is_active=not subscription.is_active
    )
    return redirect("console:webhook_detail", pk=pk)


@require_POST
@permission_required_or_404("api.manage_apitoken")
def webhook_delete(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = selectors.webhook_subscription_for_user(user=request_user(request), pk=pk)
    services.webhook_subscription_delete(actor=request_user(request), subscription=subscription)
    messages.success(request, _("The webhook endpoint is deleted."))
    return redirect("console:webhook_list")


@require_POST
@permission_required_or_404("api.manage_apitoken")
def webhook_redeliver(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = selectors.webhook_delivery_for_user(user=request_user(request), pk=pk)
    try:
        services.webhook_redeliver(actor=request_user(request), delivery=delivery)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The delivery will be sent again in a moment."))
    return redirect("console:webhook_detail", pk=delivery.subscription_id)
