from __future__ import annotations

from django.db import models

from caselog.core.i18n import TranslatedNameMixin


class ProductGroup(TranslatedNameMixin):
    """iPhone, iPad, Mac, Watch, Account & Store, ...: the top of the help center."""

    slug = models.SlugField(unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]
        permissions = [("edit_article", "Can write, review and publish knowledge-base articles")]


class Topic(TranslatedNameMixin):
    """A topic inside a product group (battery and charging, purchases and billing, ...)."""

    product_group = models.ForeignKey(ProductGroup, on_delete=models.PROTECT, related_name="topics")
    slug = models.SlugField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["product_group", "position", "slug"]
        constraints = [models.UniqueConstraint(fields=["product_group", "slug"], name="topic_slug_unique_in_group")]

