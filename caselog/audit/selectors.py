from __future__ import annotations

from django.db.models import QuerySet

from caselog.audit.models import AuditEvent


def audit_event_list(
    *, actor_email: str = "", target_type: str = "", target_id: str = "", action: str = ""
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("actor")
    if actor_email:
        events = events.filter(actor__email__iexact=actor_email)
    if target_type:
        events = events.filter(target_type=target_type)
    if target_id:
        events = events.filter(target_id=target_id)
    if action:
        events = events.filter(action__startswith=action)
    return events
