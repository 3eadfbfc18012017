"""Names stored per language in the database (product groups, topics, request types)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language


def pick_translation(values: dict[str, str], locale: str | None = None) -> str:
    """The value in `locale` (default: the active language), else English, else any."""
    locale = (locale or get_language() or settings.LANGUAGE_CODE)[:2]
    return values.get(locale) or values.get("en") or next(iter(values.values()), "")


class TranslatedNameMixin(models.Model):
    names = models.JSONField(default=dict, help_text="Display name per language code, e.g. {'en': 'iPhone'}")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_translation(self.names)
