"""Cases and customers over the API, mounted by caselog.api under /api/v1/. A token acts as its
owner: it sees and works exactly the cases and customers its owner may in the console (the same
selectors and services), never more."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from caselog.accounts.models import User
from caselog.cases import selectors, services
from caselog.cases.models import Case, RequestType
from caselog.cases.schemas import CaseOut, MessageOut, case_out, message_out
from caselog.cases.selectors import case_list_visible_to
from caselog.core.rest import (
    ERRORS,
    ApiError,
    IdempotencyKey,
    cursor_id,
    idempotent,
    keyset_page,
    token_auth,
    token_owner,
)
from caselog.devices import selectors as device_selectors

# The operation ids clients were generated with (they name the module these endpoints were first in).
router = Router(tags=["cases"])

CURSOR_SALT = "caselog.api.cases.cursor"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


class CaseDetailOut(CaseOut):
    messages: list[MessageOut]


class CasePage(Schema):
    items: list[CaseOut]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null on the last")


class CaseFilters(Schema):
    status: str = Field("", description="A status, or `open` for new, open and waiting")
    queue: int | None = None
    mine: bool = False
    q: str = Field("", max_length=200, description="Case number, contact email or words of the subject")
    cursor: str = ""
    limit: int = Field(50, ge=1, le=200)


class CaseIn(Schema):
    subject: str = Field(..., min_length=1, max_length=200)
    description: str = Field(..., min_length=1, max_length=20000)
    request_type: int
    locale: str = Field(..., description="ru, de or en")
    customer_email: str = Field(..., min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    contact_phone: str = Field("", max_length=32)
    order_number: str = Field("", max_length=40)


class StatusIn(Schema):
    status: Case.Status


class BodyIn(Schema):
    body: str = Field(..., min_length=1, max_length=20000)


def _case(request: HttpRequest, number: str) -> Case:
    return selectors.case_for_agent(user=token_owner(request), number=number)


@router.get(
    "/cases",
    response={200: CasePage, **ERRORS},
    auth=token_auth("cases:read"),
    summary="Cases the token's owner may work, oldest first, cursor-paginated",
    operation_id="caselog_api_cases_case_list",
)
def case_list(request: HttpRequest, filters: Query[CaseFilters]) -> dict[str, Any]:
    if filters.status and filters.status != "open" and filters.status not in Case.Status.values:
        raise ApiError(422, "invalid", "Unknown status.", {"status": [f"one of open, {', '.join(Case.Status.values)}"]})
    after = cursor_id(filters.cursor, salt=CURSOR_SALT) if filters.cursor else 0
    cases = selectors.case_queue_list(
        user=token_owner(request),
        filters=selectors.QueueFilters(status=filters.status, queue=filters.queue, mine=filters.mine, q=filters.q),
    )
    # Keyset pagination on the id: stable while cases are added or change status between pages.
    return keyset_page(cases.filter(pk__gt=after).order_by("pk"), limit=filters.limit, salt=CURSOR_SALT, out=case_out)


@router.get(
    "/cases/{number}",
    response={200: CaseDetailOut, **ERRORS},
    auth=token_auth("cases:read"),
    summary="A case with its conversation and internal notes",
    operation_id="caselog_api_cases_case_get",
)
def case_get(request: HttpRequest, number: str) -> dict[str, Any]:
    case = _case(request, number)
    return {**case_out(case), "messages": [message_out(m) for m in selectors.messages_for_agent(case=case)]}


@router.post(
    "/cases",
    response={201: CaseOut, 200: CaseOut, **ERRORS},
    auth=token_auth("cases:write"),
    summary="Open a case for a customer (an open case of the same request type gets the message instead: 200)",
    operation_id="caselog_api_cases_case_create",
)
def case_create(
    request: HttpRequest, payload: CaseIn, idempotency_key: IdempotencyKey = None
) -> tuple[int, dict[str, Any]]:
    owner = token_owner(request)
    if not owner.has_perm("cases.work_case"):
        raise ApiError(403, "forbidden", "The token's owner cannot open cases.")
    if payload.locale not in LANGUAGES:
        raise ApiError(422, "invalid", "Unknown language.", {"locale": [f"one of {', '.join(LANGUAGES)}"]})
    request_type = RequestType.objects.select_related("topic__product_group").filter(pk=payload.request_type).first()
    if request_type is None:
        raise ApiError(422, "invalid", "Unknown request type.", {"request_type": ["no such request type"]})

    def compute() -> tuple[int, dict[str, Any]]:
        started = timezone.now()
        case = services.case_open_for_customer(
            agent=owner,
            subject=payload.subject,
            request_type=request_type,
            locale=payload.locale,
            customer_email=payload.customer_email,
            description=payload.description,
            contact_phone=payload.contact_phone,
            order_number=payload.order_number,
        )
        case = Case.objects.select_related("queue", "assignee").get(pk=case.pk)
        # An open case of the same request type takes the message instead: that is a 200, not a 201.
        return (201 if case.created_at >= started else 200), case_out(case)

    return idempotent(request, idempotency_key, compute)


@router.post(
    "/cases/{number}/status",
    response={200: CaseOut, **ERRORS},
    auth=token_auth("cases:write"),
    summary="Change the status of a case",
    operation_id="caselog_api_cases_case_status",
)
def case_status(request: HttpRequest, number: str, payload: StatusIn) -> dict[str, Any]:
    case = services.case_change_status(case=_case(request, number), actor=token_owner(request), status=payload.status)
    return case_out(_case(request, case.number or number))


def _message_endpoint(kind: str) -> Any:
    def endpoint(
        request: HttpRequest,
        number: str,
        payload: BodyIn,
        idempotency_key: IdempotencyKey = None,
    ) -> tuple[int, dict[str, Any]]:
        case = _case(request, number)
        write = services.case_reply if kind == "reply" else services.case_add_note

        def compute() -> tuple[int, dict[str, Any]]:
            return 201, message_out(write(case=case, author=token_owner(request), body=payload.body))

        return idempotent(request, idempotency_key, compute)

    endpoint.__name__ = f"case_{kind}"
    return endpoint


router.post(
    "/cases/{number}/replies",
    response={201: MessageOut, **ERRORS},
    auth=token_auth("cases:write"),
    summary="Reply to the customer (mailed after commit; the case then waits on the customer)",
    operation_id="caselog_api_cases_case_reply",
)(_message_endpoint("reply"))
router.post(
    "/cases/{number}/notes",
    response={201: MessageOut, **ERRORS},
    auth=token_auth("cases:write"),
    summary="Add an internal note (the customer never sees it)",
    operation_id="caselog_api_cases_case_note",
)(_message_endpoint("note"))


class MessageFilters(Schema):
    cursor: str = ""
    limit: int = Field(50, ge=1, le=200)


class MessagePage(Schema):
    items: list[MessageOut]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null on the last")


MESSAGE_CURSOR_SALT = "caselog.api.messages.cursor"


@router.get(
    "/cases/{number}/messages",
    response={200: MessagePage, **ERRORS},
    auth=token_auth("cases:read"),
    summary="The conversation and internal notes of a case, oldest first, cursor-paginated",
    operation_id="caselog_api_cases_case_messages",
)
def case_messages(request: HttpRequest, number: str, filters: Query[MessageFilters]) -> dict[str, Any]:
    case = _case(request, number)
    after = cursor_id(filters.cursor, salt=MESSAGE_CURSOR_SALT) if filters.cursor else 0
    messages = selectors.messages_for_agent(case=case).filter(pk__gt=after).order_by("pk")
    return keyset_page(messages, limit=filters.limit, salt=MESSAGE_CURSOR_SALT, out=message_out)


# --- customers: the console's one search box (email, phone in any common format, or serial
# number) and a customer with their devices and open cases, through the same selectors as the
# console, so a partner's token sees only its organisation's customers.

customers_router = Router(tags=["customers"])


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


@customers_router.get(
    "/customers",
    response={200: CustomerPage, **ERRORS},
    auth=token_auth("customers:read"),
    summary="Find customers by email, phone number or serial number (at most 20)",
    operation_id="caselog_api_customers_customer_search",
)
def customer_search(request: HttpRequest, filters: Query[CustomerSearch]) -> dict[str, Any]:
    found = device_selectors.customer_lookup(user=token_owner(request), query=filters.q)
    if found.kind == "invalid":
        raise ApiError(422, "invalid", found.message, {"q": [found.message]})
    return {
        "kind": found.kind,
        "items": [_customer_out(c, getattr(c, "visible_devices", [])) for c in found.customers],
    }


@customers_router.get(
    "/customers/{customer_id}",
    response={200: CustomerDetailOut, **ERRORS},
    auth=token_auth("customers:read"),
    summary="A customer with their devices and open cases",
    operation_id="caselog_api_customers_customer_get",
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
    return {**_customer_out(customer, devices), "open_cases": [case_out(case) for case in cases]}
