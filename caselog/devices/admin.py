"""Coverage rules as configuration: product lines with their complimentary phone support and
hardware warranty, their products and the paid plans that extend them, edited in the admin.
Every change is audited in the admin's own transaction (coverage answers depend on it)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms.models import model_to_dict
from django.http import HttpRequest

from caselog.audit.services import audit_record
from caselog.devices.models import CoveragePlan, Product, ProductLine

AUDITED_FIELDS = ("names", "slug", "phone_support_days", "warranty_days", "internal_name", "line", "released_on")


def _snapshot(instance: models.Model) -> dict[str, Any]:
    values = model_to_dict(instance, fields=[f.name for f in instance._meta.fields if f.name in AUDITED_FIELDS])
    return {name: value if isinstance(value, int | str) else str(value) for name, value in values.items()}


class AuditedAdmin(admin.ModelAdmin[Any]):
    """Writes `device.<model>_create` / `_change` / `_delete` with the values before and after."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = _snapshot(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else None
        super().save_model(request, obj, form, change)
        name = obj._meta.model_name
        audit_record(
            actor=request.user,
            action=f"device.{name}_{'change' if change else 'create'}",
            target=obj,
            before=before,
            after=_snapshot(obj),
        )

    def _audit_delete(self, request: HttpRequest, obj: Any) -> None:
        audit_record(
            actor=request.user, action=f"device.{obj._meta.model_name}_delete", target=obj, before=_snapshot(obj)
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self._audit_delete(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        """The list page's "Delete selected": each one audited like a single delete."""
        for obj in queryset:
            self._audit_delete(request, obj)
        super().delete_queryset(request, queryset)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        instances = formset.save(commit=False)
        for instance in formset.deleted_objects:
            self._audit_delete(request, instance)
            instance.delete()
        for instance in instances:
            created = instance.pk is None
            before = None if created else _snapshot(type(instance).objects.get(pk=instance.pk))
            instance.save()
            audit_record(
                actor=request.user,
                action=f"device.{instance._meta.model_name}_{'create' if created else 'change'}",
                target=instance,
                before=before,
                after=_snapshot(instance),
            )
        formset.save_m2m()


class ProductInline(admin.TabularInline[Product, ProductLine]):
    model = Product
    extra = 0


class CoveragePlanInline(admin.TabularInline[CoveragePlan, ProductLine]):
    model = CoveragePlan
    extra = 0


@admin.register(ProductLine)
class ProductLineAdmin(AuditedAdmin):
    list_display = ["slug", "phone_support_days", "warranty_days"]
    inlines = [ProductInline, CoveragePlanInline]


@admin.register(Product)
class ProductAdmin(AuditedAdmin):
    list_display = ["slug", "line", "internal_name", "released_on"]
    list_filter = ["line"]


@admin.register(CoveragePlan)
class CoveragePlanAdmin(AuditedAdmin):
    list_display = ["slug", "line", "phone_support_days", "warranty_days"]
    list_filter = ["line"]
