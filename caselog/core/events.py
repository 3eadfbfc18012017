"""Domain events: a domain announces what happened, whoever cares subscribes.

The kernel sits below every domain, so a domain never imports the apps that react to it
(webhook delivery, the store's dispute linker, the phone index, notifications): it calls
`event_emit` inside its service's transaction, and each subscriber registered for that kind
runs after the commit (or, if it asks, inside the transaction, as part of the change).

Each app registers the kinds it emits in its `AppConfig.ready()`: the public payload that
webhooks and the API send, and who may see an event about a given object.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

ANY = "*"


@dataclass(frozen=True)
class EventKind:
    """What an event of this kind says about its target, and who may hear of it."""

    name: str
    # The public description of the target (webhook and API payloads): plain JSON types.
    payload: Callable[[Any], dict[str, Any]]
    # Whether `user` may see the object whose scope id is given (a message is seen through its case).
    visible_to: Callable[[Any, int | None], bool]
    scope_id: Callable[[Any], int | None]


@dataclass(frozen=True)
class Event:
    kind: str
    target: models.Model
    data: dict[str, Any] = field(default_factory=dict)
    occurred: datetime = field(default_factory=timezone.now)

    @property
    def target_label(self) -> str:
        return self.target._meta.label_lower

    def payload(self) -> dict[str, Any]:
        """The kind's public payload of the target, with the event's own data on top."""
        return {**event_kind(self.kind).payload(self.target), **self.data}

    def scope_id(self) -> int | None:
        return event_kind(self.kind).scope_id(self.target)


Handler = Callable[[Event], None]


@dataclass(frozen=True)
class _Subscription:
    kinds: frozenset[str]
    handler: Handler
    on_commit: bool
    name: str


_KINDS: dict[str, EventKind] = {}
_SUBSCRIPTIONS: dict[str, _Subscription] = {}


def event_kind_register(
    name: str,
    *,
    payload: Callable[[Any], dict[str, Any]],
    visible_to: Callable[[Any, int | None], bool],
    scope_id: Callable[[Any], int | None],
) -> EventKind:
    """Declare an event kind (idempotent: `ready()` may run more than once in tests)."""
    kind = EventKind(name=name, payload=payload, visible_to=visible_to, scope_id=scope_id)
    _KINDS[name] = kind
    return kind


def event_kind(name: str) -> EventKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise ValueError(f"unknown event kind {name!r}") from None


def event_kinds() -> list[str]:
    return sorted(_KINDS)


def event_subscribe(kinds: str | Iterable[str], handler: Handler, *, on_commit: bool = True) -> None:
    """Run `handler(event)` for every event of `kinds` (or `ANY`). After the commit by
    default, so a subscriber never sees a change that is rolled back; `on_commit=False`
    runs it inside the emitting transaction, for work that must commit with the change.
    Registering the same handler again replaces it (idempotent)."""
    names = frozenset([kinds] if isinstance(kinds, str) else kinds)
    key = f"{handler.__module__}.{handler.__qualname__}"
    _SUBSCRIPTIONS[key] = _Subscription(kinds=names, handler=handler, on_commit=on_commit, name=key)


def event_emit(kind: str, target: models.Model, data: dict[str, Any] | None = None) -> Event:
    """Announce that `kind` happened to `target`. Call inside the service's transaction."""
    event_kind(kind)  # an unknown kind is a programming error, found at once
    event = Event(kind=kind, target=target, data=dict(data or {}))
    for subscription in list(_SUBSCRIPTIONS.values()):
        if ANY not in subscription.kinds and kind not in subscription.kinds:
            continue
        if subscription.on_commit:
            transaction.on_commit(_deliver_safely(subscription, event))
        else:
            subscription.handler(event)
    return event


def _deliver_safely(subscription: _Subscription, event: Event) -> Callable[[], None]:
    def deliver() -> None:
        try:
            subscription.handler(event)
        except Exception:  # the change is committed; a subscriber must never turn it into an error page
            logger.exception("Event subscriber %s failed on %s for %s", subscription.name, event.kind, event.target.pk)

    return deliver
