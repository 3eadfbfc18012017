"""Reads for the store: the customer's own purchases, and the console panels beside a case."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from caselog.accounts.models import User
from caselog.accounts.selectors import account_change_list
from caselog.accounts.services import (
    identity_code_addresses,
    identity_questions_wait,
    identity_verified,
    security_lock_active,
)
from caselog.cases.models import Case
from caselog.cases.selectors import case_for_agent
from caselog.store.models import DisputedPurchase, Purchase, PurchaseHold, StoreItem
from caselog.store.services import purchase_hold_active, reactivation_blocked, store_credit_balance

PANEL_PURCHASES = 20
PANEL_CHANGES = 15


def purchase_list_for_customer(*, user: User) -> QuerySet[Purchase]:
    return Purchase.objects.filter(customer=user).select_related("refund").prefetch_related("disputes__case")


def store_item_list() -> QuerySet[StoreItem]:
    return StoreItem.objects.filter(is_active=True)


def customer_case_for_agent(*, agent: User, number: str) -> tuple[Case, User]:
    """The case (404 if the agent may not see it) and its customer account (404 if a guest)."""
    case = case_for_agent(user=agent, number=number)
    if case.customer is None:
        raise Http404
    return case, case.customer


def purchase_for_case(*, customer: User, order_number: str) -> Purchase:
    return get_object_or_404(Purchase, customer=customer, order_number=order_number.upper())


def store_panel_context(agent: User, case: Case, forms: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """Purchases, reported orders, hold and refunds for the console, beside the case."""
    from caselog.store.forms import HoldForm, ReactivationForm

    customer = case.customer
    if customer is None:
        return None
    disputed_ids = set(DisputedPurchase.objects.filter(case=case).values_list("purchase_id", flat=True))
    purchases = list(Purchase.objects.filter(customer=customer).select_related("refund")[:PANEL_PURCHASES])
    reported = list(
        Purchase.objects.filter(pk__in=disputed_ids).select_related("refund").exclude(pk__in=[p.pk for p in purchases])
    )
    forms = forms or {}
    return {
        "case": case,
        "customer": customer,
        "hold": purchase_hold_active(customer=customer),
        "last_hold": PurchaseHold.objects.filter(customer=customer).first(),
        "purchases": reported + purchases,
        "disputed_ids": disputed_ids,
        "credit": store_credit_balance(customer=customer),
        "reactivation_blocked": reactivation_blocked(customer=customer),
        "hold_form": forms.get("hold_form") or HoldForm(),
        "reactivation_form": forms.get("reactivation_form") or ReactivationForm(),
        "error": forms.get("error", ""),
        "done": forms.get("done", ""),
    }


def account_panel_context(agent: User, case: Case, forms: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """Account security beside the case: lock, caller verification, history with revert."""
    from caselog.accounts.forms import AgentEmailChangeForm, IdentityCodeForm, IdentityQuestionsForm

    customer = case.customer
    if customer is None:
        return None
    forms = forms or {}
    addresses = identity_code_addresses(user=customer)
    pending = customer.identity_checks.filter(agent=agent, state="code_sent").first()
    return {
        "case": case,
        "customer": customer,
        "lock": security_lock_active(user=customer),
        "verified": identity_verified(agent=agent, user=customer),
        "pending_check": pending,
        "questions_blocked": identity_questions_wait(user=customer),
        "changes": list(account_change_list(user=customer)[:PANEL_CHANGES]),
        "device_count": customer.known_devices.count(),
        "questions_form": forms.get("questions_form") or IdentityQuestionsForm(addresses),
        "code_form": forms.get("code_form") or IdentityCodeForm(),
        "email_form": forms.get("email_form") or AgentEmailChangeForm(),
        "error": forms.get("error", ""),
        "done": forms.get("done", ""),
    }
