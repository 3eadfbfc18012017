from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from caselog.audit.admin import AuditedModelAdmin
from caselog.core.events import event_emit
from caselog.sla.models import (
    Calendar,
    CalendarException,
    Closure,
    Escalation,
    OpeningHours,
    SLAPolicy,
    SLATarget,
    SupportLine,
)
from caselog.sla.services import POLICY_CHANGED, calendar_changed


class OpeningHoursInline(admin.TabularInline[OpeningHours, Calendar]):
    model = OpeningHours
    extra = 0


class CalendarExceptionInline(admin.TabularInline[CalendarException, Calendar]):
    model = CalendarException
    extra = 0


class ClosureInline(admin.TabularInline[Closure, Calendar]):
    model = Closure
    extra = 0


@admin.register(Calendar)
class CalendarAdmin(AuditedModelAdmin):
    audit_prefix = "sla"
    list_display = ["name", "time_zone", "holiday_country", "is_default"]
    inlines = [OpeningHoursInline, CalendarExceptionInline, ClosureInline]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # Edits in the admin recompute the open cases' due times too.
        super().save_related(request, form, formsets, change)
        calendar_changed(form.instance)


class SLATargetInline(admin.TabularInline[SLATarget, SLAPolicy]):
    model = SLATarget
    extra = 0


@admin.register(SLAPolicy)
class SLAPolicyAdmin(AuditedModelAdmin):
    audit_prefix = "sla"
    list_display = ["name", "is_default", "warn_before", "breach_raises_priority", "breach_moves_to_escalation_queue"]
    inlines = [SLATargetInline]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        event_emit(POLICY_CHANGED, form.instance)


@admin.register(Escalation)
class EscalationAdmin(AuditedModelAdmin):
    audit_prefix = "sla"
    list_display = ["created_at", "kind", "metric", "target_type", "target_id", "due_at"]
    list_filter = ["kind", "metric"]
    readonly_fields = [f.name for f in Escalation._meta.fields]


@admin.register(SupportLine)
class SupportLineAdmin(AuditedModelAdmin):
    list_display = ["__str__", "kind", "phone", "calendar", "language", "position"]
    list_select_related = ["calendar"]

    audit_fields = ("names", "kind", "phone", "calendar", "language", "position")

    def audit_action(self, obj: models.Model, verb: str) -> str:
        return {"create": "sla.support_line_created", "change": "sla.support_line_changed"}.get(
            verb, "sla.support_line_deleted"
        )
