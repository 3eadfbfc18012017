"""The store panel's actions in the console: hold, refund, reactivation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caselog.console.selectors import customer_case_for_agent
from caselog.console.views.panels import _error_text, _panel_form_post, _panel_response
from caselog.core.decorators import staff_required
from caselog.core.requests import request_user
from caselog.store.forms import HoldForm, ReactivationForm
from caselog.store.selectors import purchase_for_case
from caselog.store.services import purchase_hold_place, reactivation_attempt, refund_issue


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
