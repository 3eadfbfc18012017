"""The one audited admin: every create, change and delete made in Django's admin (inline rows
and the list page's "Delete selected" included) writes an audit row with the values before
and after, in the admin's own transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.http import HttpRequest

from caselog.audit.services import audit_record


class AuditedModelAdmin(admin.ModelAdmin[Any]):
    """Writes `<audit_prefix>.<model>_create` / `_change` / `_delete` (override `audit_action`
    for other names). `audit_fields` limits the snapshot (None: every field); fields in
    `audit_exclude` (secrets) are never written."""

    audit_prefix: str = ""
    audit_fields: Iterable[str] | None = None
    audit_exclude: Iterable[str] = ()

    def audit_action(self, obj: models.Model, verb: str) -> str:
        prefix = self.audit_prefix or obj._meta.app_label
        return f"{prefix}.{obj._meta.model_name}_{verb}"

    def audit_snapshot(self, obj: models.Model) -> dict[str, Any]:
        excluded = set(self.audit_exclude)
        wanted = None if self.audit_fields is None else set(self.audit_fields)
        names = [
            field.name
            for field in obj._meta.fields
            if field.name not in excluded and (wanted is None or field.name in wanted)
        ]
        values = model_to_dict(obj, fields=names)
        return {name: value if isinstance(value, int | str) else str(value) for name, value in values.items()}

    def _before(self, obj: models.Model) -> dict[str, Any] | None:
        if obj.pk is None:
            return None
        stored = type(obj)._default_manager.filter(pk=obj.pk).first()
        return None if stored is None else self.audit_snapshot(stored)

    def _audit_save(self, request: HttpRequest, obj: models.Model, *, created: bool, before: Any) -> None:
        audit_record(
            actor=request.user,
            action=self.audit_action(obj, "create" if created else "change"),
            target=obj,
            before=before,
            after=self.audit_snapshot(obj),
        )

    def _audit_delete(self, request: HttpRequest, obj: models.Model) -> None:
        audit_record(
            actor=request.user, action=self.audit_action(obj, "delete"), target=obj, before=self.audit_snapshot(obj)
        )

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = self._before(obj) if change else None
            super().save_model(request, obj, form, change)
            self._audit_save(request, obj, created=not change, before=before)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            self._audit_delete(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        """The list page's "Delete selected": each one audited like a single delete."""
        with transaction.atomic():
            for obj in queryset:
                self._audit_delete(request, obj)
            super().delete_queryset(request, queryset)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        with transaction.atomic():
            instances = formset.save(commit=False)
            for instance in formset.deleted_objects:
                self._audit_delete(request, instance)
                instance.delete()
            for instance in instances:
                created = instance.pk is None
                before = None if created else self._before(instance)
                instance.save()
                self._audit_save(request, instance, created=created, before=before)
            formset.save_m2m()
