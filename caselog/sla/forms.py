from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from caselog.sla.models import Calendar, Metric, Priority, Weekday

ICAL_MAX_BYTES = 1024 * 1024
_INTERVAL = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$")


def parse_intervals(text: str) -> list[tuple[time, time]]:
    """'09:00-13:00, 14:00-18:00' -> [(9:00, 13:00), (14:00, 18:00)]; '24:00' ends at midnight."""
    intervals = []
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        match = _INTERVAL.match(part)
        if not match:
            raise ValidationError(_("Write hours like 09:00-13:00, 14:00-18:00."))
        h1, m1, h2, m2 = (int(group) for group in match.groups())
        if h2 == 24 and m2 == 0:
            h2 = 0
        if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
            raise ValidationError(_("%(part)s is not a time of day.") % {"part": part})
        intervals.append((time(h1, m1), time(h2, m2)))
    return intervals


def format_intervals(intervals: list[tuple[time, time]]) -> str:
    return ", ".join(
        f"{opens:%H:%M}-{'24:00' if closes == time(0) else f'{closes:%H:%M}'}" for opens, closes in intervals
    )


class WeeklyHoursForm(forms.Form):
    """One text field per weekday: empty is closed, several intervals are comma-separated."""

    def __init__(self, *args: Any, calendar: Calendar, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        by_day: dict[int, list[tuple[time, time]]] = {}
        for hours in calendar.hours.all():
            by_day.setdefault(hours.weekday, []).append((hours.opens, hours.closes))
        for weekday, label in Weekday.choices:
            self.fields[f"day_{weekday}"] = forms.CharField(
                label=label,
                required=False,
                initial=format_intervals(by_day.get(weekday, [])),
                widget=forms.TextInput(attrs={"placeholder": "09:00-13:00, 14:00-18:00"}),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        hours: list[tuple[int, time, time]] = []
        for weekday in Weekday.values:
            try:
                hours += [
                    (weekday, opens, closes) for opens, closes in parse_intervals(cleaned.get(f"day_{weekday}", ""))
                ]
            except ValidationError as error:
                self.add_error(f"day_{weekday}", error)
        cleaned["hours"] = hours
        return cleaned


class _LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class ClosureForm(forms.Form):
    name = forms.CharField(label=_("Reason"), max_length=200)
    starts_at = forms.DateTimeField(label=_("From"), widget=_LocalDateTimeInput(format="%Y-%m-%dT%H:%M"))
    ends_at = forms.DateTimeField(label=_("Until"), widget=_LocalDateTimeInput(format="%Y-%m-%dT%H:%M"))

    def __init__(self, *args: Any, calendar: Calendar, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = ZoneInfo(calendar.time_zone)
        self.fields["starts_at"].help_text = _("Local time of the calendar (%(zone)s)") % {"zone": calendar.time_zone}

    def _local(self, value: datetime) -> datetime:
        return value.replace(tzinfo=self.zone)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends:
            cleaned["starts_at"], cleaned["ends_at"] = self._local(starts), self._local(ends)
            if cleaned["ends_at"] <= cleaned["starts_at"]:
                self.add_error("ends_at", _("The closure must end after it starts."))
        return cleaned


class ExceptionForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    opens = forms.TimeField(label=_("Opens"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    closes = forms.TimeField(label=_("Closes"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    name = forms.CharField(label=_("Reason"), max_length=120, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (cleaned.get("opens") is None) != (cleaned.get("closes") is None) and not self.errors:
            self.add_error("closes", _("Give both the opening and the closing time, or neither to close the day."))
        return cleaned


class IcalImportForm(forms.Form):
    file = forms.FileField(label=_("iCal file (.ics)"))

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > ICAL_MAX_BYTES:
            raise ValidationError(_("The file is larger than 1 MB."))
        return bytes(upload.read())


class TargetForm(forms.Form):
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL)
    metric = forms.ChoiceField(label=_("Clock"), choices=Metric.choices)
    hours = forms.DecimalField(label=_("Target in hours"), min_value=0.25, max_value=24 * 365, decimal_places=2)
    business_time = forms.BooleanField(label=_("Count business hours only"), required=False, initial=True)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("hours") is not None:
            cleaned["target"] = timedelta(hours=float(cleaned["hours"]))
        return cleaned
