"""A case's due times and time left, in the viewer's (or the case's team's) time zone."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import template

from caselog.cases.clocks import case_time_zone, clock_views, viewer_time_zone

register = template.Library()


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


@register.inclusion_tag("cases/_sla_next_due.html", takes_context=True)
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
