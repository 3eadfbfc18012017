"""Coverage rules as configuration: product lines with their complimentary phone support and
hardware warranty, their products and the paid plans that extend them, edited in the admin.
Every change is audited in the admin's own transaction (coverage answers depend on it)."""

from __future__ import annotations

from django.contrib import admin

from caselog.audit.admin import AuditedModelAdmin
from caselog.devices.models import CoveragePlan, Product, ProductLine

AUDITED_FIELDS = ("names", "slug", "phone_support_days", "warranty_days", "internal_name", "line", "released_on")


class AuditedAdmin(AuditedModelAdmin):
    """Writes `device.<model>_create` / `_change` / `_delete` with the values before and after."""

    audit_prefix = "device"
    audit_fields = AUDITED_FIELDS


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
