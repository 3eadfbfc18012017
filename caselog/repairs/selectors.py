"""Reads for a user. Technicians see the orders of the locations they work at, managers all;
customers only their own orders. Anything else is a 404, the same as "does not exist"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from caselog.accounts.models import User
from caselog.repairs.models import (
    Part,
    RepairOrder,
    RepairType,
    ServiceLocation,
    ServiceSlot,
    StockLevel,
    StockMovement,
)

if TYPE_CHECKING:
    from caselog.cases.models import Case

WORK_PERMISSION = "repairs.work_repair"
DASHBOARD_PERMISSION = "repairs.view_repair_dashboard"
OPEN_STATES = [
    RepairOrder.State.INTAKE,
    RepairOrder.State.DIAGNOSIS,
    RepairOrder.State.QUOTE,
    RepairOrder.State.PARTS_RESERVED,
    RepairOrder.State.IN_REPAIR,
    RepairOrder.State.QUALITY_CHECK,
    RepairOrder.State.READY,
]


def is_repair_staff(user: User) -> bool:
    return bool(user.is_authenticated and user.has_perm(WORK_PERMISSION))


def location_list_for(*, user: User) -> QuerySet[ServiceLocation]:
    if not is_repair_staff(user):
        return ServiceLocation.objects.none()
    if user.is_manager:
        return ServiceLocation.objects.all()
    return ServiceLocation.objects.filter(technicians=user)


def order_list_visible_to(*, user: User) -> QuerySet[RepairOrder]:
    orders = RepairOrder.objects.select_related("device__product", "customer", "location", "repair_type")
    if not is_repair_staff(user):
        return orders.none()
    if user.is_manager:
        return orders
    return orders.filter(location__technicians=user)


def can_work_order(*, user: User, order: RepairOrder) -> bool:
    return order_list_visible_to(user=user).filter(pk=order.pk).exists()


def order_for_staff(*, user: User, number: str) -> RepairOrder:
    return get_object_or_404(order_list_visible_to(user=user), number=number)


def order_list_for_customer(*, user: User) -> QuerySet[RepairOrder]:
    return RepairOrder.objects.select_related("device__product", "location", "repair_type").filter(customer=user)


def order_for_customer(*, user: User, number: str) -> RepairOrder:
    return get_object_or_404(order_list_for_customer(user=user), number=number)


def work_queue(*, user: User, location: ServiceLocation) -> QuerySet[RepairOrder]:
    """Open orders at the location, oldest first (what a technician picks up next)."""
    return order_list_visible_to(user=user).filter(location=location, state__in=OPEN_STATES).order_by("created_at")


def booking_open(*, order: RepairOrder) -> bool:
    """A drop-off is booked before intake is done; a visit until the repair starts at the customer's."""
    if order.mode == RepairOrder.Mode.IN_STORE:
        return order.state == RepairOrder.State.INTAKE
    if order.mode == RepairOrder.Mode.ON_SITE:
        return order.state in BOOKABLE_ON_SITE
    return False


BOOKABLE_ON_SITE = [
    RepairOrder.State.INTAKE,
    RepairOrder.State.DIAGNOSIS,
    RepairOrder.State.QUOTE,
    RepairOrder.State.PARTS_RESERVED,
]


def slots_open_for(*, order: RepairOrder, days: int = 14) -> QuerySet[ServiceSlot]:
    kind = ServiceSlot.Kind.ON_SITE if order.mode == RepairOrder.Mode.ON_SITE else ServiceSlot.Kind.IN_STORE
    now = timezone.now()
    return ServiceSlot.objects.filter(
        location=order.location,
        kind=kind,
        starts_at__gt=now,
        starts_at__lt=now + timedelta(days=days),
        booked__lt=F("capacity"),
    ).order_by("starts_at")[:40]


def parts_for_order(*, order: RepairOrder) -> QuerySet[Part]:
    return Part.objects.filter(product_id=order.device.product_id, approved=True).order_by("sku")


def stock_list(*, location: ServiceLocation) -> QuerySet[StockLevel]:
    return StockLevel.objects.filter(location=location).select_related("part__product").order_by("part__sku")


def reorder_list(*, user: User) -> QuerySet[StockLevel]:
    """Stock at or below its reorder level (available = on hand - reserved), worst first."""
    return (
        StockLevel.objects.filter(location__in=location_list_for(user=user), reorder_level__gt=0)
        .annotate(free=F("on_hand") - F("reserved"))
        .filter(free__lte=F("reorder_level"))
        .select_related("part", "location")
        .order_by("free", "part__sku")
    )


def movement_list(*, location: ServiceLocation) -> QuerySet[StockMovement]:
    return StockMovement.objects.filter(location=location).select_related("part", "actor", "order")[:30]


@dataclass(frozen=True)
class StateRow:
    location: ServiceLocation
    counts: list[int]
    total: int


def open_repairs_by_state(*, user: User) -> list[StateRow]:
    """One row per location, one count per open state (the manager dashboard)."""
    counts: dict[tuple[int, str], int] = {
        (row["location_id"], row["state"]): row["n"]
        for row in order_list_visible_to(user=user)
        .filter(state__in=OPEN_STATES)
        .values("location_id", "state")
        .annotate(n=Count("id"))
        .order_by()
    }
    rows = []
    for location in location_list_for(user=user):
        values = [counts.get((location.pk, state), 0) for state in OPEN_STATES]
        rows.append(StateRow(location=location, counts=values, total=sum(values)))
    return rows


def repair_panel_context(agent: User, case: Case) -> dict[str, Any] | None:
    """The console panel: the customer's repairs and the "Escalate to repair" form."""
    from caselog.devices.selectors import device_list_visible_to

    customer = case.customer
    if customer is None:
        return None
    devices = list(device_list_visible_to(user=agent).filter(owner=customer).order_by("serial")[:20])
    orders = list(
        RepairOrder.objects.filter(Q(customer=customer) | Q(case=case))
        .select_related("device__product", "location")
        .order_by("-created_at")[:10]
    )
    return {
        "case": case,
        "devices": devices,
        "orders": orders,
        "repair_types": list(RepairType.objects.all()),
        "locations": list(ServiceLocation.objects.all()),
        "modes": RepairOrder.Mode.choices,
    }
