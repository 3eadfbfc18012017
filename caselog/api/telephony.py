"""Phone-system (CTI) events. The phone system posts what happens to a call; Caselog answers a
ringing call with who is calling (screen pop), and logs the call on the case from answer to end.
The token needs `telephony:events`; the customer look-up sees what the token's owner may see."""

from __future__ import annotations

from typing import Any, Literal

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Router, Schema

from caselog.accounts.models import User
from caselog.api.auth import token_auth
from caselog.api.cases import ERRORS
from caselog.api.errors import ApiError
from caselog.api.models import ApiToken
from caselog.cases import selectors as case_selectors
from caselog.cases import services as case_services
from caselog.cases.models import CallLog, Case
from caselog.devices import selectors as device_selectors

router = Router(tags=["telephony"])


class CallEventIn(Schema):
    event: Literal["ringing", "answered", "ended"]
    caller: str = Field("", max_length=40, description="The caller's number, any common format")
    agent_email: str = Field("", max_length=254, description="Who answered (answered)")
    case_number: str = Field("", max_length=20, description="The case the call is about (answered; optional)")
    call_id: int | None = Field(None, description="What `answered` returned (ended)")
    outcome: CallLog.Outcome = CallLog.Outcome.FOLLOW_UP


class CustomerOut(Schema):
    id: int
    email: str
    name: str


class CaseRefOut(Schema):
    number: str
    subject: str
    status: str


class CallEventOut(Schema):
    event: str
    customers: list[CustomerOut] = []
    open_cases: list[CaseRefOut] = []
    call_id: int | None = None
    case_number: str | None = None
    seconds: int | None = None


def _owner(request: HttpRequest) -> User:
    token = request.auth  # type: ignore[attr-defined]
    assert isinstance(token, ApiToken)
    return token.owner


def _callers(user: User, caller: str) -> list[User]:
    if not caller.strip():
        raise ApiError(422, "invalid", "Give the caller's number.", {"caller": ["required"]})
    found = device_selectors.customer_lookup(user=user, query=caller)
    if found.kind != "phone":
        raise ApiError(422, "invalid", "This is no valid phone number.", {"caller": ["not a phone number"]})
    return found.customers


def _open_cases(user: User, customers: list[User]) -> list[Case]:
    return list(
        case_selectors.case_list_visible_to(user=user)
        .filter(Q(customer__in=customers), status__in=Case.OPEN_STATUSES)
        .order_by("-updated_at")[:10]
    )


@router.post(
    "/telephony/events",
    response={200: CallEventOut, **ERRORS},
    auth=token_auth("telephony:events"),
    summary="A call rings, is answered or ends",
)
def call_event(request: HttpRequest, payload: CallEventIn) -> dict[str, Any]:
    owner = _owner(request)
    if payload.event == "ringing":
        customers = _callers(owner, payload.caller)
        return {
            "event": "ringing",
            "customers": [{"id": c.pk, "email": c.email, "name": c.get_full_name()} for c in customers],
            "open_cases": [
                {"number": case.number or "", "subject": case.subject, "status": case.status}
                for case in _open_cases(owner, customers)
            ],
        }
    if payload.event == "answered":
        agent = User.objects.filter(email__iexact=payload.agent_email, is_active=True).first()
        if agent is None or not payload.agent_email or not agent.has_perm("cases.work_case"):
            raise ApiError(422, "invalid", "No agent with this email.", {"agent_email": ["no such agent"]})
        if payload.case_number:
            case = case_selectors.case_for_agent(user=agent, number=payload.case_number)
        else:
            cases = _open_cases(agent, _callers(agent, payload.caller))
            if not cases:
                raise ApiError(
                    422, "no_open_case", "The caller has no open case this agent may work; give case_number."
                )
            case = cases[0]
        call = case_services.call_start(case=case, agent=agent)
        return {"event": "answered", "call_id": call.pk, "case_number": case.number}
    if payload.call_id is None:
        raise ApiError(422, "invalid", "Give the call_id that `answered` returned.", {"call_id": ["required"]})
    found = CallLog.objects.select_related("case", "agent").filter(pk=payload.call_id).first()
    if found is None or not case_selectors.case_list_visible_to(user=owner).filter(pk=found.case_id).exists():
        raise ApiError(404, "not_found", "Not found.")
    call = case_services.call_end(call=found, agent=found.agent, outcome=payload.outcome)
    seconds = int(call.duration.total_seconds()) if call.duration else 0
    return {"event": "ended", "call_id": call.pk, "case_number": call.case.number, "seconds": seconds}
