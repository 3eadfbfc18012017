"""The events repairs emit: what a repair order's event says, and who may hear of it."""

from __future__ import annotations

from typing import Any

from caselog.accounts.models import User
from caselog.core.events import event_kind_register
from caselog.repairs.models import RepairOrder
from caselog.repairs.selectors import order_list_visible_to

REPAIR_STATUS_CHANGED = "repair.status_changed"


def repair_payload(order: RepairOrder) -> dict[str, Any]:
    return {
        "number": order.number,
        "state": order.state,
        "case_number": order.case.number if order.case is not None else None,
        "device_serial": order.device.serial,
        "location_id": order.location_id,
        "updated_at": order.updated_at.isoformat(),
    }


def repair_visible_to(user: User, order_id: int | None) -> bool:
    return order_id is not None and order_list_visible_to(user=user).filter(pk=order_id).exists()


def _order_id(order: RepairOrder) -> int | None:
    return order.pk


def repair_event_kinds_register() -> None:
    event_kind_register(REPAIR_STATUS_CHANGED, payload=repair_payload, visible_to=repair_visible_to, scope_id=_order_id)
