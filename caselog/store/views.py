from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caselog.accounts.clients import client_from_request, device_cookie_set
from caselog.core.requests import request_user
from caselog.store.forms import BuyForm
from caselog.store.models import Purchase
from caselog.store.selectors import (
    purchase_list_for_customer,
    store_item_list,
)
from caselog.store.services import (
    purchase_create,
    purchase_hold_active,
    store_credit_balance,
)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --------------------------------------------------------------------------- customer pages


@login_required
def purchases(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    page = Paginator(purchase_list_for_customer(user=user), 20).get_page(request.GET.get("page"))
    context = {"page": page, "hold": purchase_hold_active(customer=user), "credit": store_credit_balance(customer=user)}
    return render(request, "store/purchases.html", context)


@login_required
def catalog(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    context = {"items": store_item_list(), "hold": purchase_hold_active(customer=user), "form": BuyForm()}
    return render(request, "store/catalog.html", context)


@require_POST
@login_required
def buy(request: HttpRequest, item_id: int) -> HttpResponse:
    user = request_user(request)
    item = get_object_or_404(store_item_list(), pk=item_id)
    form = BuyForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            purchase = purchase_create(
                customer=user,
                item=item,
                client=client_from_request(request),
                pay_with=form.cleaned_data["pay_with"] or Purchase.Source.CARD,
            )
        except ValidationError as exc:
            error = _error_text(exc)
        else:
            messages.success(
                request, _("Thank you. Your order number is %(order)s.") % {"order": purchase.order_number}
            )
            response = redirect("store:purchases")
            if purchase.device is not None:
                device_cookie_set(response, purchase.device.token)
            return response
    context = {
        "items": store_item_list(),
        "hold": purchase_hold_active(customer=user),
        "form": form,
        "error": error,
        "failed_item": item,
    }
    return render(request, "store/catalog.html", context, status=422)
