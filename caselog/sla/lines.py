"""Support lines: which phone lines the contact page lists and whether each answers now, in the
line's own time zone (weekly hours, public holidays of its region, exceptions and closures all
come from its calendar, so DST and holidays are handled where the SLA clocks handle them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from caselog.sla.calendars import calendar_clock, calendar_clock_fresh, public_holidays
from caselog.sla.engine import CalendarNeverOpensError
from caselog.sla.models import Calendar, SupportLine

DAY = timedelta(days=1)


@dataclass(frozen=True)
class LineStatus:
    line: SupportLine
    open_now: bool
    time_zone: str
    closes_at: datetime | None  # in the line's time zone, while open (None when open round the clock)
    opens_at: datetime | None  # in the line's time zone, while closed
    holiday: str  # the public holiday that closes the line today (local date), if any
    highlighted: bool  # the accessibility line, for a customer who recorded communication needs


def support_line_list(*, locale: str) -> list[SupportLine]:
    """The lines listed for a visitor in this language: its own and those for every language."""
    return list(SupportLine.objects.select_related("calendar").filter(Q(language=locale[:2]) | Q(language="")))


def support_lines_status(
    *, locale: str, now: datetime | None = None, accessibility_first: bool = False
) -> list[LineStatus]:
    """Each listed line with "open now" (until when) or when it opens again, in its local time.
    With `accessibility_first` (the customer recorded communication needs) the accessibility
    lines come first and are highlighted."""
    now = now or timezone.now()
    statuses = []
    for line in support_line_list(locale=locale):
        clock = calendar_clock(line.calendar)
        zone = clock.zone
        until = clock.open_until(now)
        opens_at = None
        holiday = ""
        if until is None:
            try:
                opens_at = timezone.localtime(clock.next_open(now), zone)
            except CalendarNeverOpensError:
                opens_at = None
            local_day = timezone.localtime(now, zone).date()
            holidays = public_holidays(
                country=line.calendar.holiday_country,
                subdivision=line.calendar.holiday_subdivision,
                years=range(local_day.year, local_day.year + 1),
                language=locale,
            )
            holiday = holidays.get(local_day, "")
        statuses.append(
            LineStatus(
                line=line,
                open_now=until is not None,
                time_zone=line.calendar.time_zone,
                # A line open round the clock has no closing time worth showing.
                closes_at=timezone.localtime(until, zone) if until is not None and until - now < DAY else None,
                opens_at=opens_at,
                holiday=holiday,
                highlighted=accessibility_first and line.kind == SupportLine.Kind.ACCESSIBILITY,
            )
        )
    if accessibility_first:
        statuses.sort(key=lambda status: not status.highlighted)  # stable: keeps the lines' order
    return statuses


@dataclass(frozen=True)
class SupportHours:
    open_now: bool
    opens_at: datetime | None
    time_zone: str


def support_hours_for(*, locale: str, now: datetime | None = None) -> SupportHours | None:
    """Whether support in this language is open now (any of its departments' calendars), and
    if not, when it opens next: what the contact page shows. None without calendars. (The
    departments are read through the calendars they point at; this app does not import them.)"""
    now = now or timezone.now()
    calendars = list(Calendar.objects.filter(departments__language=locale).distinct())
    if not calendars:
        return None
    clocks = [(calendar, calendar_clock_fresh(calendar)) for calendar in calendars]
    if any(clock.is_open(now) for _calendar, clock in clocks):
        return SupportHours(open_now=True, opens_at=None, time_zone=clocks[0][0].time_zone)
    openings = []
    for calendar, clock in clocks:
        try:
            openings.append((clock.next_open(now), calendar.time_zone))
        except CalendarNeverOpensError:
            continue
    if not openings:
        return SupportHours(open_now=False, opens_at=None, time_zone=calendars[0].time_zone)
    opens_at, zone = min(openings)
    return SupportHours(open_now=False, opens_at=opens_at, time_zone=zone)
