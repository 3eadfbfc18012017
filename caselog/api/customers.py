"""Customers over the API: the console's one search box (email, phone in any common format, or
serial number) and a customer with their devices and open cases, through the same selectors as
the console, so a partner's token sees only its organisation's customers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from caselog.accounts.models import User
from caselog.api.auth import token_auth, token_owner
from caselog.api.cases import ERRORS
from caselog.api.errors import ApiError
from caselog.cases.models import Case
from caselog.cases.schemas import CaseOut
from caselog.cases.schemas import case_out as _case_out
from caselog.cases.selectors import case_list_visible_to
from caselog.devices import selectors as device_selectors

router = Router(tags=["customers"])


class DeviceRefOut(Schema):
    serial: str
    product: str


class CustomerOut(Schema):
    id: int
    email: str
    name: str
    locale: str
    phone: str
    devices: list[DeviceRefOut]


class CustomerDetailOut(CustomerOut):
    open_cases: list[CaseOut]


class CustomerSearch(Schema):
    q: str = Field(..., min_length=1, max_length=100, description="An email, a phone number or a serial number")


class CustomerPage(Schema):
    kind: str = Field(..., description="What `q` was read as: email, phone or serial")
    items: list[CustomerOut]


def _customer_out(customer: User, devices: list[Any]) -> dict[str, Any]:
    return CustomerOut(
        id=customer.pk,
        email=customer.email,
        name=customer.get_full_name(),
        locale=customer.locale,
        phone=customer.phone,
        devices=[DeviceRefOut(serial=device.serial, product=str(device.product)) for device in devices],
    ).model_dump(mode="json")


@router.get(
    "/customers",
    response={200: CustomerPage, **ERRORS},
    auth=token_auth("customers:read"),
    summary="Find customers by email, phone number or serial number (at most 20)",
)
def customer_search(request: HttpRequest, filters: Query[CustomerSearch]) -> dict[str, Any]:
    found = device_selectors.customer_lookup(user=token_owner(request), query=filters.q)
    if found.kind == "invalid":
        raise ApiError(422, "invalid", found.message, {"q": [found.message]})
    return {
        "kind": found.kind,
        "items": [_customer_out(c, getattr(c, "visible_devices", [])) for c in found.customers],
    }


@router.get(
    "/customers/{customer_id}",
    response={200: CustomerDetailOut, **ERRORS},
    auth=token_auth("customers:read"),
    summary="A customer with their devices and open cases",
)
def customer_get(request: HttpRequest, customer_id: int) -> dict[str, Any]:
    owner = token_owner(request)
    if not device_selectors.is_console_user(owner):
        raise ApiError(404, "not_found", "Not found.")
    customer = device_selectors.customer_for_user(user=owner, pk=customer_id)
    devices = list(device_selectors.device_list_visible_to(user=owner).filter(owner=customer).order_by("serial")[:100])
    cases = (
        case_list_visible_to(user=owner)
        .filter(customer=customer, status__in=Case.OPEN_STATUSES)
        .select_related("queue", "assignee")
        .order_by("created_at")[:100]
    )
    return {**_customer_out(customer, devices), "open_cases": [_case_out(case) for case in cases]}
