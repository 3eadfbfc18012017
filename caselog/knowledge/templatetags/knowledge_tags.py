from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, ())


@register.filter
def status_action(to_status: str) -> str:
    """The button label for moving a translation to `to_status`."""
    labels = {
        "in_review": _("Send to review"),
        "published": _("Publish"),
        "archived": _("Archive"),
        "draft": _("Back to draft"),
    }
    return labels.get(to_status, to_status)
