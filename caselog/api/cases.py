"""Cases over the API. A token acts as its owner: it sees and works exactly the cases its owner may
in the console (the same selectors and services), never more."""

from __future__ import annotations

from typing import Annotated, Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.params.functions import Header

from caselog.api.auth import token_auth, token_owner
from caselog.api.errors import ApiError
from caselog.api.idempotency import idempotent
from caselog.api.pagination import cursor_id, keyset_page
from caselog.cases import selectors, services
from caselog.cases.models import Case, RequestType
from caselog.cases.schemas import CaseOut, MessageOut
from caselog.cases.schemas import case_out as _case_out
from caselog.cases.schemas import message_out as _message_out

router = Router(tags=["cases"])

CURSOR_SALT = "caselog.api.cases.cursor"
IdempotencyKey = Annotated[str | None, Header(None, alias="Idempotency-Key")]
LANGUAGES = [code for code, _name in settings.LANGUAGES]


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class ErrorOut(Schema):
    error: ErrorDetail


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut}


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
    return keyset_page(cases.filter(pk__gt=after).order_by("pk"), limit=filters.limit, salt=CURSOR_SALT, out=_case_out)


@router.get(
    "/cases/{number}",
    response={200: CaseDetailOut, **ERRORS},
    auth=token_auth("cases:read"),
    summary="A case with its conversation and internal notes",
)
def case_get(request: HttpRequest, number: str) -> dict[str, Any]:
    case = _case(request, number)
    return {**_case_out(case), "messages": [_message_out(m) for m in selectors.messages_for_agent(case=case)]}


@router.post(
    "/cases",
    response={201: CaseOut, 200: CaseOut, **ERRORS},
    auth=token_auth("cases:write"),
    summary="Open a case for a customer (an open case of the same request type gets the message instead: 200)",
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
        return (201 if case.created_at >= started else 200), _case_out(case)

    return idempotent(request, idempotency_key, compute)


@router.post(
    "/cases/{number}/status",
    response={200: CaseOut, **ERRORS},
    auth=token_auth("cases:write"),
    summary="Change the status of a case",
)
def case_status(request: HttpRequest, number: str, payload: StatusIn) -> dict[str, Any]:
    case = services.case_change_status(case=_case(request, number), actor=token_owner(request), status=payload.status)
    return _case_out(_case(request, case.number or number))


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
            return 201, _message_out(write(case=case, author=token_owner(request), body=payload.body))

        return idempotent(request, idempotency_key, compute)

    endpoint.__name__ = f"case_{kind}"
    return endpoint


router.post(
    "/cases/{number}/replies",
    response={201: MessageOut, **ERRORS},
    auth=token_auth("cases:write"),
    summary="Reply to the customer (mailed after commit; the case then waits on the customer)",
)(_message_endpoint("reply"))
router.post(
    "/cases/{number}/notes",
    response={201: MessageOut, **ERRORS},
    auth=token_auth("cases:write"),
    summary="Add an internal note (the customer never sees it)",
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
)
def case_messages(request: HttpRequest, number: str, filters: Query[MessageFilters]) -> dict[str, Any]:
    case = _case(request, number)
    after = cursor_id(filters.cursor, salt=MESSAGE_CURSOR_SALT) if filters.cursor else 0
    messages = selectors.messages_for_agent(case=case).filter(pk__gt=after).order_by("pk")
    return keyset_page(messages, limit=filters.limit, salt=MESSAGE_CURSOR_SALT, out=_message_out)
