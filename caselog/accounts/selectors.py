from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from caselog.accounts.models import AccountChange, KnownDevice, User
from caselog.accounts.services import (
    identity_code_addresses,
    identity_questions_wait,
    identity_verified,
    security_lock_active,
)

PANEL_CHANGES = 15


def device_list(*, user: User) -> QuerySet[KnownDevice]:
    return KnownDevice.objects.filter(user=user)


def account_change_list(*, user: User) -> QuerySet[AccountChange]:
    return AccountChange.objects.filter(user=user).select_related("actor", "reverts")


def account_panel_context(agent: User, case: Any, forms: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """Account security beside a case in the console: lock, caller verification, history with revert.

    The console passes the case in (accounts sits below cases and reads only `case.customer`;
    the case goes back into the context for the panel's form URLs)."""
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
