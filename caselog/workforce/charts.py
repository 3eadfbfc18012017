"""The data behind each chart, shaped for Chart.js, and the same table as CSV rows, so that
what a manager downloads is exactly what the chart shows."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta, tzinfo
from typing import Any

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from caselog.cases.models import Case
from caselog.workforce.selectors import PlanningForecast, ScheduleView, VolumeReport

VOLUME_TABLES = ("heatmap", "weeks", "departments")
CHANNEL_COLOURS: dict[str, str] = {
    Case.Channel.PHONE: "#0057b8",
    Case.Channel.WEB: "#1e7d32",
    Case.Channel.EMAIL: "#8a5a00",
    Case.Channel.COMMUNITY: "#8e24aa",
}


def weekday_names() -> list[str]:
    return [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]


def heat_rows(report: VolumeReport) -> list[dict[str, Any]]:
    """Rows of the hour × weekday heat map with a 0–1 level per cell for its colour."""
    top = report.heat_max or 1
    names = weekday_names()
    return [
        {"day": names[d], "cells": [{"n": n, "level": round(n / top, 3), "hour": h} for h, n in enumerate(row)]}
        for d, row in enumerate(report.heatmap)
    ]


def volume_charts(report: VolumeReport) -> dict[str, Any]:
    weeks = {
        "labels": [formats.date_format(w["week"], "SHORT_DATE_FORMAT") for w in report.weeks],
        "datasets": [
            {
                "label": str(name),
                "data": [w.get(code, 0) for w in report.weeks],
                "borderColor": CHANNEL_COLOURS[code],
                "backgroundColor": CHANNEL_COLOURS[code],
            }
            for code, name in report.channels
        ],
    }
    departments = {
        "labels": [d["department"] for d in report.departments],
        "datasets": [
            {
                "label": str(name),
                "data": [d.get(code, 0) for d in report.departments],
                "backgroundColor": CHANNEL_COLOURS[code],
            }
            for code, name in report.channels
        ],
    }
    return {"weeks": weeks, "departments": departments, "heat": heat_rows(report)}


def volume_table(report: VolumeReport, kind: str) -> tuple[list[str], list[list[Any]]]:
    channels = [code for code, _name in report.channels]
    if kind == "heatmap":
        names = weekday_names()
        return [_("Weekday"), *[f"{h:02d}:00" for h in range(24)]], [
            [names[d], *row] for d, row in enumerate(report.heatmap)
        ]
    if kind == "weeks":
        return [_("Week starting"), *channels], [
            [w["week"].isoformat(), *[w.get(c, 0) for c in channels]] for w in report.weeks
        ]
    return [_("Department"), *channels, _("Total")], [
        [d["department"], *[d.get(c, 0) for c in channels], d["total"]] for d in report.departments
    ]


def _hour_label(at: Any, zone: tzinfo) -> str:
    local = at.astimezone(zone)
    return f"{weekday_names()[local.weekday()]} {local:%d.%m %H}:00"


def forecast_charts(plan: PlanningForecast) -> dict[str, Any]:
    """Actuals of the last two weeks, then the forecast with its band; the agents to schedule
    per hour under it."""
    shown = len(plan.actual)
    hours = [plan.actual_start + timedelta(hours=i) for i in range(shown)] + plan.forecast.hours()
    gap: list[float | None] = [None] * shown
    volume = {
        "labels": [_hour_label(h, plan.zone) for h in hours],
        "datasets": [
            {
                "label": _("Actual"),
                "data": [round(float(v), 1) for v in plan.actual] + [None] * len(plan.forecast.mean),
                "borderColor": "#1d1d1f",
                "pointRadius": 0,
                "borderWidth": 1.5,
            },
            {
                "label": _("Forecast"),
                "data": gap + [round(float(v), 1) for v in plan.forecast.mean],
                "borderColor": "#0057b8",
                "pointRadius": 0,
                "borderWidth": 2,
            },
            {
                "label": _("Likely range (80 %)"),
                "data": gap + [round(float(v), 1) for v in plan.forecast.upper],
                "borderColor": "rgba(0,87,184,0.15)",
                "backgroundColor": "rgba(0,87,184,0.15)",
                "pointRadius": 0,
                "fill": "+1",
            },
            {
                "label": "",
                "data": gap + [round(float(v), 1) for v in plan.forecast.lower],
                "borderColor": "rgba(0,87,184,0.15)",
                "pointRadius": 0,
                "fill": False,
            },
        ],
    }
    need = plan.hourly_requirement()
    on_phone: dict[Any, int] = defaultdict(int)
    for interval in plan.intervals:
        hour = interval.start.replace(minute=0)
        on_phone[hour] = max(on_phone[hour], interval.agents_on_phone)
    staff_hours = sorted(need)
    staffing = {
        "labels": [_hour_label(h, plan.zone) for h in staff_hours],
        "datasets": [
            {
                "label": _("Agents to schedule"),
                "data": [need[h] for h in staff_hours],
                "backgroundColor": "rgba(0,87,184,0.55)",
                "type": "bar",
            },
            {
                "label": _("Agents on the phone"),
                "data": [on_phone[h] for h in staff_hours],
                "borderColor": "#b3261e",
                "pointRadius": 0,
                "type": "line",
            },
        ],
    }
    return {"volume": volume, "staffing": staffing}


def forecast_table(plan: PlanningForecast) -> tuple[list[str], list[list[Any]]]:
    """The numbers behind the actual-and-forecast chart, per local hour."""
    header = [
        _("Hour (%(zone)s)") % {"zone": plan.zone},
        _("Actual"),
        _("Forecast"),
        _("Likely range from"),
        _("Likely range to"),
    ]
    rows: list[list[Any]] = [
        [(plan.actual_start + timedelta(hours=i)).astimezone(plan.zone).isoformat(), round(float(v), 1), "", "", ""]
        for i, v in enumerate(plan.actual)
    ]
    for i, at in enumerate(plan.forecast.hours()):
        rows.append(
            [
                at.astimezone(plan.zone).isoformat(),
                "",
                round(float(plan.forecast.mean[i]), 1),
                round(float(plan.forecast.lower[i]), 1),
                round(float(plan.forecast.upper[i]), 1),
            ]
        )
    return header, rows


def daily_staffing(plan: PlanningForecast) -> list[dict[str, Any]]:
    days: dict[Any, dict[str, Any]] = {}
    for interval in plan.intervals:
        day = interval.start.astimezone(plan.zone).date()
        entry = days.setdefault(day, {"day": day, "contacts": 0.0, "calls": 0.0, "peak": 0, "agent_hours": 0.0})
        entry["contacts"] += interval.contacts
        entry["calls"] += interval.calls
        entry["peak"] = max(entry["peak"], interval.agents_scheduled)
        entry["agent_hours"] += interval.agents_scheduled / 4
    return [days[d] for d in sorted(days)]


def staffing_table(plan: PlanningForecast) -> tuple[list[str], list[list[Any]]]:
    header = [
        _("Interval start (%(zone)s)") % {"zone": plan.zone},
        _("Contacts"),
        _("Calls"),
        _("Agents on the phone"),
        _("Agents for written contacts"),
        _("Agents to schedule"),
    ]
    rows = [
        [
            i.start.astimezone(plan.zone).isoformat(),
            round(i.contacts, 2),
            round(i.calls, 2),
            i.agents_on_phone,
            round(i.agents_written, 2),
            i.agents_scheduled,
        ]
        for i in plan.intervals
    ]
    return header, rows


def coverage_charts(view: ScheduleView) -> list[dict[str, Any]]:
    """One chart per language: agents on duty answering in it against its requirement, per
    local hour (06-22) of every day."""
    names = weekday_names()
    language_names = dict(settings.LANGUAGES)
    charts = []
    for language in view.languages:
        labels, requirement, coverage = [], [], []
        for d, day in enumerate(view.schedule.days):
            for h in range(6, 23):
                labels.append(f"{names[day.weekday()]} {day:%d.%m} {h:02d}:00")
                requirement.append(view.requirement[language][d][h])
                coverage.append(view.coverage[language][d][h])
        charts.append(
            {
                "language": language,
                "name": str(language_names.get(language, language)),
                "id": f"coverage-{language}",
                "shortfall_hours": view.shortfall_of(language),
                "data": {
                    "labels": labels,
                    "datasets": [
                        {
                            "label": _("Agents on duty"),
                            "data": coverage,
                            "backgroundColor": "rgba(30,125,50,0.55)",
                            "type": "bar",
                        },
                        {
                            "label": _("Requirement"),
                            "data": requirement,
                            "borderColor": "#b3261e",
                            "pointRadius": 0,
                            "stepped": True,
                            "type": "line",
                        },
                    ],
                },
            }
        )
    return charts


def coverage_table(view: ScheduleView) -> tuple[list[str], list[list[Any]]]:
    """The numbers behind the coverage charts, every local hour of every day and language."""
    header = [
        _("Language"),
        _("Day"),
        _("Hour (%(zone)s)") % {"zone": view.zone},
        _("Requirement"),
        _("Agents on duty"),
    ]
    rows = [
        [language, day.isoformat(), f"{h:02d}:00", view.requirement[language][d][h], view.coverage[language][d][h]]
        for language in view.languages
        for d, day in enumerate(view.schedule.days)
        for h in range(24)
    ]
    return header, rows
