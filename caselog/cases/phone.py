"""The phone system's calls on the cases side: who is calling (as the agent may see them),
the screen pop of a ringing call in the named agent's console, and its dismissal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from caselog.accounts.models import User
from caselog.audit.services import audit_record
from caselog.cases import selectors as case_selectors
from caselog.cases.models import Case, PhoneCall
from caselog.devices import selectors as device_selectors

# A phone system that never reports the end of a call must not leave a pop up for ever.
SCREEN_POP_MAX_AGE = timedelta(minutes=30)


def caller_customers(*, user: User, caller: str) -> list[User] | None:
    """The customers `user` may see whose phone number is `caller` (normalised: +49 151 …,
    0049151…, 0151… in the user's region); None when `caller` is no phone number at all."""
    found = device_selectors.customer_lookup(user=user, query=caller)
    return found.customers if found.kind == "phone" else None


def caller_open_cases(*, user: User, customers: list[User]) -> list[Case]:
    """The callers' open cases `user` may see, most recently active first."""
    if not customers:
        return []
    return list(
        case_selectors.case_list_visible_to(user=user)
        .filter(Q(customer__in=customers), status__in=Case.OPEN_STATUSES)
        .order_by("-updated_at")[:10]
    )


def _open_pops(*, user: User) -> QuerySet[PhoneCall]:
    # Matches the partial index api_phone_call_pop_open (pop_agent, rang_at WHERE still open).
    return PhoneCall.objects.filter(
        pop_agent=user, pop_closed_at__isnull=True, rang_at__gte=timezone.now() - SCREEN_POP_MAX_AGE
    )


def screen_pop_call_for(*, user: User) -> PhoneCall | None:
    """The call ringing for this agent right now (the latest), in one indexed query; None for
    anyone a ringing event did not name."""
    if not user.is_authenticated or not user.is_active:
        return None
    return _open_pops(user=user).order_by("-rang_at", "-id").first()


@dataclass
class ScreenPop:
    call: PhoneCall
    customers: list[User] = field(default_factory=list)
    open_cases: list[Case] = field(default_factory=list)


def screen_pop_for(*, user: User, call: PhoneCall) -> ScreenPop:
    """Who is calling, as this agent may see them: the same look-up as the console's."""
    customers = caller_customers(user=user, caller=call.caller) or []
    return ScreenPop(call=call, customers=customers, open_cases=caller_open_cases(user=user, customers=customers))


def screen_pop_call_for_dismiss(*, user: User, pk: int) -> PhoneCall:
    """Only the named agent's own open pop; anyone else's is a 404."""
    return get_object_or_404(PhoneCall.objects.filter(pop_agent=user, pop_closed_at__isnull=True), pk=pk)


def screen_pop_dismiss(*, agent: User, call: PhoneCall) -> PhoneCall:
    """The agent closes the pop of a call that rang for them (the call itself goes on)."""
    if call.pop_agent_id != agent.pk:
        raise PermissionDenied
    with transaction.atomic():
        closed = PhoneCall.objects.filter(pk=call.pk, pop_closed_at__isnull=True).update(pop_closed_at=timezone.now())
        if closed:
            audit_record(actor=agent, action="api.screen_pop_dismissed", target=call, after={"caller": call.caller})
    call.refresh_from_db(fields=["pop_closed_at"])
    return call
