"""The repairs app's REST endpoints, mounted by caselog.api under /api/v1/: repair orders the
token's owner may work (the same selectors as the repair console) and their state changes
(the same state machine and guards)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from caselog.core.rest import ERRORS, cursor_id, keyset_page, token_auth, token_owner
from caselog.repairs import selectors, services
from caselog.repairs.models import RepairOrder

router = Router(tags=["repairs"])
CURSOR_SALT = "caselog.api.repairs.cursor"
Action = Literal[tuple(dict.fromkeys(action for (_state, action) in services.TRANSITIONS))]  # type: ignore[valid-type]


class RepairEventOut(Schema):
    from_state: str
    to_state: str
    note: str
    created_at: datetime


class RepairOrderOut(Schema):
    number: str
    state: RepairOrder.State
    mode: str
    device_serial: str
    customer_id: int
    case_number: str | None
    location_id: int
    repair_type: str
    covered: bool
    quote_amount: str | None
    created_at: datetime
    updated_at: datetime
    actions: list[str] = Field(..., description="What may be done next (POST …/transitions)")


class RepairOrderDetailOut(RepairOrderOut):
    fault: str
    diagnosis: str
    events: list[RepairEventOut]


class RepairPage(Schema):
    items: list[RepairOrderOut]
    next_cursor: str | None


class RepairFilters(Schema):
    state: RepairOrder.State | None = None
    cursor: str = ""
    limit: int = Field(50, ge=1, le=200)


class TransitionIn(Schema):
    action: Action  # type: ignore[valid-type]
    note: str = Field("", max_length=300, description="Internal unless note_public")
    note_public: bool = Field(False, description="The customer reads the note (timeline and status email)")
    customer_present: bool = Field(False, description="The customer is at the counter (needed to return)")


def _order_out(order: RepairOrder) -> dict[str, Any]:
    return RepairOrderOut(
        number=order.number,
        state=RepairOrder.State(order.state),
        mode=order.mode,
        device_serial=order.device.serial,
        customer_id=order.customer_id,
        case_number=order.case.number if order.case else None,
        location_id=order.location_id,
        repair_type=str(order.repair_type),
        covered=order.covered,
        quote_amount=str(order.quote_amount) if order.quote_amount is not None else None,
        created_at=order.created_at,
        updated_at=order.updated_at,
        actions=services.actions_for(order=order),
    ).model_dump(mode="json")


def _detail(order: RepairOrder) -> dict[str, Any]:
    events = [
        RepairEventOut(from_state=e.from_state, to_state=e.to_state, note=e.note, created_at=e.created_at)
        for e in order.events.all()
    ]
    return {
        **_order_out(order),
        "fault": order.fault,
        "diagnosis": order.diagnosis,
        "events": [event.model_dump(mode="json") for event in events],
    }


@router.get(
    "/repairs",
    response={200: RepairPage, **ERRORS},
    auth=token_auth("repairs:read"),
    summary="Repair orders the token's owner may work, oldest first, cursor-paginated",
)
def repair_list(request: HttpRequest, filters: Query[RepairFilters]) -> dict[str, Any]:
    orders = selectors.order_list_visible_to(user=token_owner(request)).select_related("case")
    if filters.state:
        orders = orders.filter(state=filters.state)
    if filters.cursor:
        orders = orders.filter(pk__gt=cursor_id(filters.cursor, salt=CURSOR_SALT))
    return keyset_page(orders.order_by("pk"), limit=filters.limit, salt=CURSOR_SALT, out=_order_out)


@router.get(
    "/repairs/{number}",
    response={200: RepairOrderDetailOut, **ERRORS},
    auth=token_auth("repairs:read"),
    summary="A repair order with its timeline",
)
def repair_get(request: HttpRequest, number: str) -> dict[str, Any]:
    return _detail(selectors.order_for_staff(user=token_owner(request), number=number))


@router.post(
    "/repairs/{number}/transitions",
    response={200: RepairOrderDetailOut, **ERRORS},
    auth=token_auth("repairs:write"),
    summary="Move a repair order one step (an action from its `actions`); refused steps are 422",
)
def repair_transition(request: HttpRequest, number: str, payload: TransitionIn) -> dict[str, Any]:
    owner = token_owner(request)
    order = services.repair_transition(
        order=selectors.order_for_staff(user=owner, number=number),
        actor=owner,
        action=str(payload.action),
        note=payload.note,
        note_public=payload.note_public,
        customer_present=payload.customer_present,
    )
    return _detail(selectors.order_for_staff(user=owner, number=order.number))
