"""The events cases emit (webhooks and other subscribers hear of them): what each says about
its case or message, and who may hear of it (whoever may see the case)."""

from __future__ import annotations

from typing import Any

from caselog.accounts.models import User
from caselog.cases.models import Case, Message
from caselog.cases.schemas import case_out, message_out
from caselog.cases.selectors import case_list_visible_to
from caselog.core.events import event_kind_register

CASE_CREATED = "case.created"
CASE_UPDATED = "case.updated"
CASE_SOLVED = "case.solved"
MESSAGE_ADDED = "message.added"


def case_payload(case: Case) -> dict[str, Any]:
    return case_out(Case.objects.select_related("queue", "assignee").get(pk=case.pk))


def message_payload(message: Message) -> dict[str, Any]:
    return {"case_number": message.case.number, "message": message_out(message)}


def case_visible_to(user: User, case_id: int | None) -> bool:
    return case_id is not None and case_list_visible_to(user=user).filter(pk=case_id).exists()


def _case_id(case: Case) -> int | None:
    return case.pk


def _message_case_id(message: Message) -> int | None:
    return message.case_id


def case_event_kinds_register() -> None:
    for name in (CASE_CREATED, CASE_UPDATED, CASE_SOLVED):
        event_kind_register(name, payload=case_payload, visible_to=case_visible_to, scope_id=_case_id)
    event_kind_register(MESSAGE_ADDED, payload=message_payload, visible_to=case_visible_to, scope_id=_message_case_id)
