from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caselog.accounts.clients import client_from_request, device_cookie_set
from caselog.accounts.forms import AgentEmailChangeForm, IdentityCodeForm, IdentityQuestionsForm
from caselog.accounts.models import AccountChange
from caselog.accounts.services import (
    account_change_revert,
    account_email_change_by_agent,
    identity_check_confirm,
    identity_check_start,
    identity_code_addresses,
    password_reset_send_by_agent,
    security_lock_lift,
)
from caselog.cases.models import Case
from caselog.core.decorators import staff_required
from caselog.core.requests import request_user
from caselog.store.forms import BuyForm, HoldForm, ReactivationForm
from caselog.store.models import Purchase
from caselog.store.selectors import (
    account_panel_context,
    customer_case_for_agent,
    purchase_for_case,
    purchase_list_for_customer,
    store_item_list,
    store_panel_context,
)
from caselog.store.services import (
    purchase_create,
    purchase_hold_active,
    purchase_hold_place,
    reactivation_attempt,
    refund_issue,
    store_credit_balance,
)

PANELS: dict[str, tuple[str, Callable[..., dict[str, Any] | None]]] = {
    "store": ("store/panel_store.html", store_panel_context),
    "account": ("store/panel_account.html", account_panel_context),
}


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _panel_response(
    request: HttpRequest, case: Case, key: str, *, done: str = "", forms: dict[str, Any] | None = None
) -> HttpResponse:
    """HTMX gets the panel back in place; without JavaScript a success returns to the case and
    an error shows the panel on its own page, with what was typed, as 422."""
    template, context_for = PANELS[key]
    if request.headers.get("HX-Request"):
        return render(
            request, template, {"panel": context_for(request_user(request), case, {**(forms or {}), "done": done})}
        )
    if not forms:
        messages.success(request, done)
        return redirect(case)
    context: dict[str, Any] = {
        "panel": context_for(request_user(request), case, forms),
        "panel_template": template,
        "panel_key": key,
        "case": case,
    }
    return render(request, "store/panel_page.html", context, status=422)


def _panel_form_post(
    request: HttpRequest,
    case: Case,
    key: str,
    form_name: str,
    form: Form,
    act: Callable[[dict[str, Any]], object],
    *,
    done: str,
    error_field: str | None = None,
    denied: str = "",
) -> HttpResponse:
    """Give a valid form's data to `act`. A ValidationError from it goes on the form (on `error_field`,
    else above it); with `denied`, so does a PermissionDenied, as that text. A form with errors comes
    back in the panel as `form_name`; otherwise the panel says `done`."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except PermissionDenied:
            if not denied:
                raise
            form.add_error(None, denied)
        except ValidationError as error:
            form.add_error(error_field, _error_text(error))
    if form.errors:
        return _panel_response(request, case, key, forms={form_name: form})
    return _panel_response(request, case, key, done=done)


# --------------------------------------------------------------------------- store panel


@require_POST
@staff_required
def hold_place(request: HttpRequest, number: str) -> HttpResponse:
    case, customer = customer_case_for_agent(agent=request_user(request), number=number)
    form = HoldForm(request.POST)
    if not form.is_valid():
        return _panel_response(request, case, "store", forms={"hold_form": form})
    purchase_hold_place(agent=request_user(request), customer=customer, reason=form.cleaned_data["reason"], case=case)
    return _panel_response(request, case, "store", done=_("Downloads and purchases are disabled on the account."))


@require_POST
@staff_required
def refund(request: HttpRequest, number: str, order_number: str) -> HttpResponse:
    case, customer = customer_case_for_agent(agent=request_user(request), number=number)
    purchase = purchase_for_case(customer=customer, order_number=order_number)
    try:
        issued = refund_issue(agent=request_user(request), purchase=purchase, case=case)
    except ValidationError as error:
        return _panel_response(request, case, "store", forms={"error": _error_text(error)})
    return _panel_response(
        request,
        case,
        "store",
        done=_("Refund of %(amount)s %(currency)s issued.") % {"amount": issued.amount, "currency": issued.currency},
    )


@require_POST
@staff_required
def reactivate(request: HttpRequest, number: str) -> HttpResponse:
    case, customer = customer_case_for_agent(agent=request_user(request), number=number)
    return _panel_form_post(
        request,
        case,
        "store",
        "reactivation_form",
        ReactivationForm(request.POST),
        lambda data: reactivation_attempt(agent=request_user(request), customer=customer, case=case, **data),
        done=_("The account is fully reactivated."),
    )


# --------------------------------------------------------------------------- account panel


@require_POST
@staff_required
def identity_start(request: HttpRequest, number: str) -> HttpResponse:
    case, customer = customer_case_for_agent(agent=request_user(request), number=number)
    return _panel_form_post(
        request,
        case,
        "account",
        "questions_form",
        IdentityQuestionsForm(identity_code_addresses(user=customer), request.POST),
        lambda data: identity_check_start(agent=request_user(request), user=customer, **data),
        done=_("The code is on its way. Ask the caller to read it back."),
    )


@require_POST
@staff_required
def identity_confirm(request: HttpRequest, number: str) -> HttpResponse:
    case, customer = customer_case_for_agent(agent=request_user(request), number=number)
    check = get_object_or_404(customer.identity_checks, agent=request_user(request), state="code_sent")
    return _panel_form_post(
        request,
        case,
        "account",
        "code_form",
        IdentityCodeForm(request.POST),
        lambda data: identity_check_confirm(agent=request_user(request), check=check, code=data["code"]),
        done=_("The caller is verified."),
        error_field="code",
    )


@require_POST
@staff_required
def account_unlock(request: HttpRequest, number: str) -> HttpResponse:
    case, customer = customer_case_for_agent(agent=request_user(request), number=number)
    security_lock_lift(agent=request_user(request), user=customer)
    return _panel_response(request, case, "account", done=_("Sign-in is enabled again."))


@require_POST
@staff_required
def account_reset_link(request: HttpRequest, number: str) -> HttpResponse:
    case, customer = customer_case_for_agent(agent=request_user(request), number=number)
    password_reset_send_by_agent(agent=request_user(request), user=customer)
    return _panel_response(request, case, "account", done=_("A reset link is on its way to the mailbox on record."))


@require_POST
@staff_required
def account_revert(request: HttpRequest, number: str) -> HttpResponse:
    case, customer = customer_case_for_agent(agent=request_user(request), number=number)
    change_id = request.POST.get("change", "")
    change = get_object_or_404(AccountChange, user=customer, pk=int(change_id) if change_id.isdigit() else 0)
    try:
        account_change_revert(agent=request_user(request), change=change)
    except PermissionDenied:
        return _panel_response(request, case, "account", forms={"error": _("Verify the caller first.")})
    except ValidationError as error:
        return _panel_response(request, case, "account", forms={"error": _error_text(error)})
    return _panel_response(request, case, "account", done=_("The change is reverted."))


@require_POST
@staff_required
def account_email(request: HttpRequest, number: str) -> HttpResponse:
    case, customer = customer_case_for_agent(agent=request_user(request), number=number)
    return _panel_form_post(
        request,
        case,
        "account",
        "email_form",
        AgentEmailChangeForm(request.POST),
        lambda data: account_email_change_by_agent(agent=request_user(request), user=customer, new_email=data["email"]),
        done=_("The email address is changed."),
        error_field="email",
        denied=_("Verify the caller first."),
    )


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
