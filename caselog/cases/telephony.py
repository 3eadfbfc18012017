"""Phone-system (CTI) events. The phone system posts what happens to a call, under its own call
id; Caselog answers a ringing call with who is calling, shows it in the console of the agent
the ringing event names (screen pop, until the call is answered elsewhere, ends or the agent
dismisses it), and logs the call on the case from answer to end. Events may come twice or out of order: each moment is kept once and
the call is logged once its answer and end are both known, so the result is the same.
The token needs `telephony:events`; the customer look-up sees what the token's owner may see."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from pydantic import field_validator

from caselog.accounts.models import User
from caselog.cases import selectors as case_selectors
from caselog.cases import services as case_services
from caselog.cases.models import CallLog, Case, PhoneCall
from caselog.cases.phone import caller_customers, caller_open_cases
from caselog.core.rest import ERRORS, ApiError, token_auth, token_owner

router = Router(tags=["telephony"])
EVENT_MAX_AGE = timedelta(days=7)
# A phone system's clock may run a little fast; an event stamped further ahead is a wrong clock.
EVENT_MAX_AHEAD = timedelta(minutes=5)


class CallEventIn(Schema):
    event: Literal["ringing", "answered", "ended"]
    call_id: str = Field(..., min_length=1, max_length=100, description="The phone system's id of the call")
    at: datetime | None = Field(None, description="When it happened (ISO 8601 with time zone); default now")
    caller: str = Field("", max_length=40, description="The caller's number, any common format (ringing)")
    line: str = Field("", max_length=40, description="The line or number that was called")
    agent_email: str = Field(
        "", max_length=254, description="Whose phone rings (ringing: their console shows the caller) or who answered"
    )
    case_number: str = Field("", max_length=20, description="The case the call is about (answered; optional)")
    outcome: CallLog.Outcome = CallLog.Outcome.FOLLOW_UP

    @field_validator("at")
    @classmethod
    def at_is_aware_and_recent(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return value
        if value.tzinfo is None:
            raise ValueError("give a time zone, e.g. 2026-01-31T10:00:00Z")
        # In UTC: an offset such as -19:40 is valid ISO 8601 but PostgreSQL cannot store it.
        value = value.astimezone(UTC)
        now = timezone.now()
        if value < now - EVENT_MAX_AGE:
            raise ValueError("is more than a week ago")
        if value > now + EVENT_MAX_AHEAD:
            raise ValueError("is in the future: check the phone system's clock")
        return value


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
    call_id: str
    customers: list[CustomerOut] = []
    open_cases: list[CaseRefOut] = []
    case_number: str | None = None
    logged: bool = Field(False, description="The call is logged on the case (answer and end both known)")
    seconds: int | None = None


def _callers(user: User, caller: str) -> list[User]:
    if not caller.strip():
        raise ApiError(422, "invalid", "Give the caller's number.", {"caller": ["required"]})
    customers = caller_customers(user=user, caller=caller)
    if customers is None:
        raise ApiError(422, "invalid", "This is no valid phone number.", {"caller": ["not a phone number"]})
    return customers


def _open_cases(user: User, customers: list[User]) -> list[Case]:
    return caller_open_cases(user=user, customers=customers)


def _agent(email: str) -> User:
    agent = User.objects.filter(email__iexact=email, is_active=True).first() if email else None
    if agent is None or not agent.has_perm("cases.work_case"):
        raise ApiError(422, "invalid", "No agent with this email.", {"agent_email": ["no such agent"]})
    return agent


def _pop_open_for(call: PhoneCall, agent: User, now: datetime) -> None:
    """The first ringing event that names an agent opens the pop (a repeat opens no second one,
    nor reopens a dismissed one); already closed if the end or another agent's answer came first."""
    if call.pop_agent_id is not None:
        return
    call.pop_agent = agent
    answered_elsewhere = call.answered_at is not None and call.agent_id != agent.pk
    call.pop_closed_at = now if call.ended_at is not None or answered_elsewhere else None


def _pop_close_if_done(call: PhoneCall, now: datetime) -> None:
    if call.pop_agent_id is None or call.pop_closed_at is not None:
        return
    if call.ended_at is not None or (call.answered_at is not None and call.agent_id != call.pop_agent_id):
        call.pop_closed_at = now


@router.post(
    "/telephony/events",
    response={200: CallEventOut, **ERRORS},
    auth=token_auth("telephony:events"),
    summary="A call rings, is answered or ends (events may come twice or out of order)",
)
def call_event(request: HttpRequest, payload: CallEventIn) -> dict[str, Any]:
    owner = token_owner(request)
    # A clock ahead of ours must not put a call's end before its start.
    at = min(payload.at or timezone.now(), timezone.now())
    with transaction.atomic():
        PhoneCall.objects.get_or_create(owner=owner, external_id=payload.call_id)
        call = PhoneCall.objects.select_for_update().get(owner=owner, external_id=payload.call_id)
        call.caller = call.caller or payload.caller.strip()
        call.line = call.line or payload.line.strip()
        if payload.event == "ringing":
            call.rang_at = min(call.rang_at, at) if call.rang_at else at
            if payload.agent_email.strip():
                _pop_open_for(call, _agent(payload.agent_email.strip()), timezone.now())
            call.save()
            customers = _callers(owner, call.caller)
            return {
                **_call_out(call, "ringing"),
                "customers": [{"id": c.pk, "email": c.email, "name": c.get_full_name()} for c in customers],
                "open_cases": [
                    {"number": case.number or "", "subject": case.subject, "status": case.status}
                    for case in _open_cases(owner, customers)
                ],
            }
        if payload.event == "answered":
            if call.agent is None or call.case is None:
                call.agent, call.case = _answering(call, payload)
            call.answered_at = min(call.answered_at, at) if call.answered_at else at
        else:
            call.ended_at = min(call.ended_at, at) if call.ended_at else at
            call.outcome = call.outcome or payload.outcome
        _pop_close_if_done(call, timezone.now())
        call.save()
        _log_when_complete(call)
    return _call_out(call, payload.event)


def _answering(call: PhoneCall, payload: CallEventIn) -> tuple[User, Case]:
    agent = _agent(payload.agent_email)
    if payload.case_number:
        return agent, case_selectors.case_for_agent(user=agent, number=payload.case_number)
    cases = _open_cases(agent, _callers(agent, call.caller))
    if not cases:
        raise ApiError(422, "no_open_case", "The caller has no open case this agent may work; give case_number.")
    return agent, cases[0]


def _log_when_complete(call: PhoneCall) -> None:
    """Log the call on the case (through the console's own services) once it was answered, and
    close it with its duration once its end is known too, whichever arrived first."""
    if call.answered_at is None or call.agent is None or call.case is None:
        return
    if call.call_log is None:
        call.call_log = case_services.call_start(case=call.case, agent=call.agent)
        call.save(update_fields=["call_log"])
        CallLog.objects.filter(pk=call.call_log.pk).update(started_at=call.answered_at)
    log = CallLog.objects.get(pk=call.call_log.pk)
    if call.ended_at is not None and log.ended_at is None:
        case_services.call_end(call=log, agent=call.agent, outcome=call.outcome or CallLog.Outcome.FOLLOW_UP)
        CallLog.objects.filter(pk=log.pk).update(ended_at=max(call.ended_at, call.answered_at))


def _call_out(call: PhoneCall, event: str) -> dict[str, Any]:
    log = CallLog.objects.filter(pk=call.call_log_id).first() if call.call_log_id else None
    return {
        "event": event,
        "call_id": call.external_id,
        "case_number": call.case.number if call.case else None,
        "logged": log is not None and log.ended_at is not None,
        "seconds": int(log.duration.total_seconds()) if log is not None and log.duration else None,
    }
