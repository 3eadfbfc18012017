"""The managers' SLA attainment report (under /sla/ beside the calendars and policies, which
are the sla app's pages): how many promises on cases were kept."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from caselog.cases.clocks import AttainmentRow, Dimension, sla_attainment
from caselog.cases.forms import SLAReportForm
from caselog.core.decorators import permission_required_or_404
from caselog.sla.services import MANAGE_PERMISSION

SLA_ATTAINMENT_GOAL_PERCENT = 90
"""The dashed goal line on the weekly chart."""


@permission_required_or_404(MANAGE_PERMISSION)
def sla_report(request: HttpRequest) -> HttpResponse:
    form = SLAReportForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    weeks, dimension = data.get("weeks") or 8, data.get("dimension") or Dimension.DEPARTMENT
    now = timezone.now()
    since = now - timedelta(weeks=weeks)
    weekly = sla_attainment(since=since, until=now, dimension=Dimension.WEEK)
    context = {
        "form": form,
        "rows": sla_attainment(since=since, until=now, dimension=dimension),
        "weekly": weekly,
        "chart_data": _chart_data(weekly),
        "dimension_label": Dimension(dimension).label,
    }
    return render(request, "cases/sla_report.html", context)


def _chart_data(weekly: list[AttainmentRow]) -> dict[str, Any]:
    return {
        "labels": [row.label for row in weekly],
        "first": [row.first_rate for row in weekly],
        "resolution": [row.resolution_rate for row in weekly],
        "target": SLA_ATTAINMENT_GOAL_PERCENT,
        "first_label": _("First response in time"),
        "resolution_label": _("Resolution in time"),
        "target_label": _("Goal"),
    }
