from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from caselog.audit.admin import AuditedModelAdmin
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
        from caselog.sla.tasks import recompute_for_calendar

        calendar = form.instance
        calendar.save(update_fields=["updated_at"])
        transaction.on_commit(lambda: recompute_for_calendar.enqueue(calendar_id=calendar.pk))


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
        from caselog.sla.tasks import recompute_for_policy

        policy = form.instance
        transaction.on_commit(lambda: recompute_for_policy.enqueue(policy_id=policy.pk))


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
