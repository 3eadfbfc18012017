from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

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
class CalendarAdmin(admin.ModelAdmin[Calendar]):
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
class SLAPolicyAdmin(admin.ModelAdmin[SLAPolicy]):
    list_display = ["name", "is_default", "warn_before", "breach_raises_priority", "breach_moves_to_escalation_queue"]
    inlines = [SLATargetInline]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        event_emit(POLICY_CHANGED, form.instance)


@admin.register(Escalation)
class EscalationAdmin(admin.ModelAdmin[Escalation]):
    list_display = ["created_at", "kind", "metric", "target_type", "target_id", "due_at"]
    list_filter = ["kind", "metric"]
    readonly_fields = [f.name for f in Escalation._meta.fields]


@admin.register(SupportLine)
class SupportLineAdmin(admin.ModelAdmin[SupportLine]):
    list_display = ["__str__", "kind", "phone", "calendar", "language", "position"]
    list_select_related = ["calendar"]

    def save_model(self, request: HttpRequest, obj: SupportLine, form: Any, change: bool) -> None:
        from caselog.audit.services import audit_record

        with transaction.atomic():
            before = {name: str(form.initial.get(name, "")) for name in form.changed_data} if change else {}
            super().save_model(request, obj, form, change)
            audit_record(
                actor=request.user,
                action="sla.support_line_changed" if change else "sla.support_line_created",
                target=obj,
                before=before,
                after={name: str(form.cleaned_data.get(name, "")) for name in form.changed_data},
            )

    def delete_model(self, request: HttpRequest, obj: SupportLine) -> None:
        from caselog.audit.services import audit_record

        with transaction.atomic():
            audit_record(actor=request.user, action="sla.support_line_deleted", target=obj, before={"phone": obj.phone})
            super().delete_model(request, obj)
