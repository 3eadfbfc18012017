"""The account panel's actions in the console: caller verification, unlock, reset link, email
change and revert. The services live in accounts; the case comes from the console."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

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
from caselog.console.selectors import customer_case_for_agent
from caselog.console.views.panels import _error_text, _panel_form_post, _panel_response
from caselog.core.decorators import staff_required
from caselog.core.requests import request_user


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
