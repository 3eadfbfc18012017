"""The events the store emits: what a refund's event says, and who may hear of it."""

from __future__ import annotations

from typing import Any

from caselog.accounts.models import User
from caselog.core.events import event_kind_register
from caselog.store.models import Refund

REFUND_STATE_CHANGED = "refund.state_changed"


def refund_payload(refund: Refund) -> dict[str, Any]:
    return {
        "id": refund.pk,
        "order_number": refund.purchase.order_number,
        "amount": str(refund.amount),
        "currency": refund.currency,
        "destination": refund.destination,
        "state": refund.state,
        "case_number": refund.case.number if refund.case is not None else None,
        "expected_by": refund.expected_by.isoformat() if refund.expected_by else None,
        "completed_at": refund.completed_at.isoformat() if refund.completed_at else None,
    }


def refund_visible_to(user: User, refund_id: int | None) -> bool:
    # The store panel shows refunds to whoever may work cases (store.services.check_can_work_store).
    return user.has_perm("cases.work_case")


def _refund_id(refund: Refund) -> int | None:
    return refund.pk


def refund_event_kinds_register() -> None:
    event_kind_register(REFUND_STATE_CHANGED, payload=refund_payload, visible_to=refund_visible_to, scope_id=_refund_id)
