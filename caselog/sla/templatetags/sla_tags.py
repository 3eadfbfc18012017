"""Due times and time left, in the viewer's time zone."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from caselog.sla.casework import case_time_zone, clock_views, support_hours_for, viewer_time_zone

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


@register.filter
def case_zone(case: Any) -> str:
    """The case's team's time zone (what a customer is shown)."""
    return case_time_zone(case)


@register.simple_tag(takes_context=True)
def viewer_zone(context: template.Context, case: Any) -> str:
    """The viewer's zone, computed once per page render."""
    cache = context.render_context
    if "sla_viewer_zone" not in cache:
        request = context.get("request")
        cache["sla_viewer_zone"] = viewer_time_zone(user=getattr(request, "user", None), case=case)
    return str(cache["sla_viewer_zone"])


@register.inclusion_tag("sla/_next_due.html", takes_context=True)
def sla_next_due(context: template.Context, case: Any) -> dict[str, Any]:
    """The queue row's cell: the earliest running due time and the time left."""
    running = [view for view in clock_views(case) if view.due is not None and view.left is not None and not view.paused]
    first = min(running, key=lambda view: view.left or timedelta(0)) if running else None
    return {
        "clock": first,
        "case": case,
        "zone": viewer_zone(context, case),
        "paused": any(v.paused for v in clock_views(case)),
    }


@register.inclusion_tag("sla/_support_hours.html", takes_context=True)
def support_hours(context: template.Context) -> dict[str, Any]:
    """ "Open now" for the support line in the visitor's language (the contact page)."""
    from django.utils.translation import get_language

    from caselog.devices.selectors import customer_needs_accessibility
    from caselog.sla.lines import support_lines_status

    locale = (get_language() or "en")[:2]
    request = context.get("request")
    user = getattr(request, "user", None)
    needs = user is not None and customer_needs_accessibility(user=user)
    return {
        "hours": support_hours_for(locale=locale),
        "lines": support_lines_status(locale=locale, accessibility_first=needs),
    }
