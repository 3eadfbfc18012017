"""Reports of unauthorized purchases arrive as cases (the contact form) and, when the customer
writes again, as messages on the open case; either way their order numbers get linked."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from caselog.cases.models import Case, Message


def case_saved(sender: type[Case], instance: Case, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw"):
        _link_after_commit(instance.pk)


def message_saved(sender: type[Message], instance: Message, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw") and instance.kind == Message.Kind.CUSTOMER:
        _link_after_commit(instance.case_id)


def _link_after_commit(case_id: int) -> None:
    from caselog.store.tasks import link_disputed_orders

    transaction.on_commit(lambda: link_disputed_orders.enqueue(case_id=case_id))
