"""A case and a message as the outside world sees them: the API's answers and the payload of
their webhook events are built here, so both always say the same thing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema

from caselog.cases.models import Case, Message


class QueueOut(Schema):
    id: int
    name: str


class CaseOut(Schema):
    number: str
    subject: str
    status: str
    channel: str
    locale: str
    priority: str
    queue: QueueOut
    request_type_id: int
    assignee_email: str | None
    contact_email: str
    first_response_due: datetime
    created_at: datetime
    updated_at: datetime


class MessageOut(Schema):
    id: int
    kind: str
    body: str
    author_email: str | None
    created_at: datetime


def case_out(case: Case) -> dict[str, Any]:
    return CaseOut(
        number=case.number or "",
        subject=case.subject,
        status=case.status,
        channel=case.channel,
        locale=case.locale,
        priority=case.priority,
        queue=QueueOut(id=case.queue_id, name=case.queue.name),
        request_type_id=case.request_type_id,
        assignee_email=case.assignee.email if case.assignee else None,
        contact_email=case.contact_email,
        first_response_due=case.first_response_due,
        created_at=case.created_at,
        updated_at=case.updated_at,
    ).model_dump(mode="json")


def message_out(message: Message) -> dict[str, Any]:
    return MessageOut(
        id=message.pk,
        kind=message.kind,
        body=message.body,
        author_email=message.author.email if message.author else None,
        created_at=message.created_at,
    ).model_dump(mode="json")
