from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from caselog.knowledge.models import ProductGroup, Topic


def product_group_list() -> QuerySet[ProductGroup]:
    return ProductGroup.objects.prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("position", "slug")))
