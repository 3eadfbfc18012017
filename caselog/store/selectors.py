"""Reads for the store: the customer's own purchases, and the store panel beside a case in the console."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from caselog.accounts.models import User
from caselog.cases.models import Case
from caselog.store.models import DisputedPurchase, Purchase, PurchaseHold, StoreItem
from caselog.store.services import purchase_hold_active, reactivation_blocked, store_credit_balance

PANEL_PURCHASES = 20


def purchase_list_for_customer(*, user: User) -> QuerySet[Purchase]:
    return Purchase.objects.filter(customer=user).select_related("refund").prefetch_related("disputes__case")


def store_item_list() -> QuerySet[StoreItem]:
    return StoreItem.objects.filter(is_active=True)


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
        "hold_form": forms.get("hold_form")
        or HoldForm(
            initial={"reason": _("Unauthorized purchases reported in case %(number)s") % {"number": case.number}}
            if disputed_ids
            else {}
        ),
        "reactivation_form": forms.get("reactivation_form") or ReactivationForm(),
        "error": forms.get("error", ""),
        "done": forms.get("done", ""),
    }
