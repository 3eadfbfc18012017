"""What the SLA app announces: a calendar's hours or a policy's targets changed. Whatever
follows them (the clocks on cases) subscribes; this app never imports its followers."""

from __future__ import annotations

from typing import Any

from caselog.core.events import event_kind_register
from caselog.sla.services import CALENDAR_CHANGED, MANAGE_PERMISSION, POLICY_CHANGED


def _managers_only(user: Any, _scope_id: int | None) -> bool:
    return bool(user.is_authenticated and user.has_perm(MANAGE_PERMISSION))


def _no_scope(_target: Any) -> None:
    return None


def sla_event_kinds_register() -> None:
    """Declare the kinds `services` emits (called by the app's ready())."""
    event_kind_register(
        CALENDAR_CHANGED,
        payload=lambda calendar: {"id": calendar.pk, "name": calendar.name, "time_zone": calendar.time_zone},
        visible_to=_managers_only,
        scope_id=_no_scope,
    )
    event_kind_register(
        POLICY_CHANGED,
        payload=lambda policy: {"id": policy.pk, "name": policy.name},
        visible_to=_managers_only,
        scope_id=_no_scope,
    )
