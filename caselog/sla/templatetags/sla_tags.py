"""Durations as people read them, and the contact page's support hours. (A case's own due
times are shown by the cases app's `case_clocks` tags.)"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

register = template.Library()

# Strings of the SLA parts of the cases templates (the queue column, the customer's promise),
# listed here so that this app's catalogue carries their translations.
CASES_TEMPLATE_STRINGS = (
    gettext_noop("Breaches first"),
    gettext_noop("We promised a first answer by %(due)s (%(zone)s time)."),
)


@register.filter
def duration_short(value: timedelta | None) -> str:
    """'2 d 3 h', '3 h 20 min', '12 min' (absolute value; the caller says early or late)."""
    if value is None:
        return ""
    minutes = int(abs(value).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return _("%(days)s d %(hours)s h") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
    return ngettext("%(minutes)s min", "%(minutes)s min", minutes) % {"minutes": minutes}


@register.inclusion_tag("sla/_support_hours.html", takes_context=True)
def support_hours(context: template.Context) -> dict[str, Any]:
    """ "Open now" for the support line in the visitor's language (the contact page)."""
    from django.utils.translation import get_language

    from caselog.devices.selectors import customer_needs_accessibility
    from caselog.sla.lines import support_hours_for, support_lines_status

    locale = (get_language() or "en")[:2]
    request = context.get("request")
    user = getattr(request, "user", None)
    needs = user is not None and customer_needs_accessibility(user=user)
    return {
        "hours": support_hours_for(locale=locale),
        "lines": support_lines_status(locale=locale, accessibility_first=needs),
    }
