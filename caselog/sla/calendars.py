"""From the Calendar rows to the engine: one CalendarSpec per calendar, and compiled clocks
cached per process until the calendar changes (its updated_at moves on every edit)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time
from functools import lru_cache

import holidays
from django.utils import timezone

from caselog.sla.engine import BusinessClock, CalendarSpec, Interval
from caselog.sla.models import Calendar

HOLIDAY_YEARS_BEFORE = 2
HOLIDAY_YEARS_AFTER = 5


def _holiday_language(country: str, language: str) -> str | None:
    """The package's name for `language` among those it has for this country, if any."""
    available = holidays.list_localized_countries().get(country, [])
    for candidate in (language, "en_US"):
        if candidate in available:
            return candidate
    return None


def public_holidays(*, country: str, subdivision: str = "", years: range, language: str = "") -> dict[date, str]:
    """The country's public holidays from the `holidays` package (empty for an unknown code),
    named in `language` where the package has that language for the country."""
    if not country:
        return {}
    try:
        found = holidays.country_holidays(
            country.upper(),
            subdiv=subdivision or None,
            years=list(years),
            language=_holiday_language(country.upper(), language) if language else None,
        )
    except (NotImplementedError, KeyError):
        return {}
    return dict(found.items())


def holiday_years(today: date | None = None) -> range:
    year = (today or timezone.now().date()).year
    return range(year - HOLIDAY_YEARS_BEFORE, year + HOLIDAY_YEARS_AFTER + 1)


def calendar_spec(calendar: Calendar) -> CalendarSpec:
    """Everything the engine needs to know about a calendar, read in four queries."""
    weekly: dict[int, list[Interval]] = defaultdict(list)
    for hours in calendar.hours.all():
        weekly[hours.weekday].append((hours.opens, hours.closes))
    exceptions: dict[date, list[Interval]] = defaultdict(list)
    for exception in calendar.exceptions.all():
        day_intervals = exceptions[exception.date]
        if exception.opens is not None and exception.closes is not None:
            day_intervals.append((exception.opens, exception.closes))
    closures = tuple((closure.starts_at, closure.ends_at) for closure in calendar.closures.all())
    closed = public_holidays(
        country=calendar.holiday_country, subdivision=calendar.holiday_subdivision, years=holiday_years()
    )
    return CalendarSpec(
        time_zone=calendar.time_zone,
        weekly=dict(weekly),
        closed_dates=frozenset(closed),
        exceptions=dict(exceptions),
        closures=closures,
    )


@lru_cache(maxsize=256)
def _clock(calendar_id: int, updated_at: datetime, today: date) -> BusinessClock:
    return BusinessClock(calendar_spec(Calendar.objects.get(pk=calendar_id)))


def calendar_clock(calendar: Calendar) -> BusinessClock:
    """The compiled clock of this calendar; rebuilt when the calendar was edited."""
    return _clock(calendar.pk, calendar.updated_at, timezone.now().date())


def calendar_clock_fresh(calendar: Calendar) -> BusinessClock:
    return BusinessClock(calendar_spec(calendar))


def open_now(calendar: Calendar, *, now: datetime | None = None) -> bool:
    """What the contact page's "open now" shows."""
    return calendar_clock(calendar).is_open(now or timezone.now())


def local_opening(calendar: Calendar, *, now: datetime | None = None) -> datetime:
    """The next time this calendar is open, in its own time zone."""
    moment = calendar_clock(calendar).next_open(now or timezone.now())
    return timezone.localtime(moment, calendar_clock(calendar).zone)


def day_intervals(calendar: Calendar) -> dict[int, list[tuple[time, time]]]:
    weekly: dict[int, list[tuple[time, time]]] = defaultdict(list)
    for hours in calendar.hours.all():
        weekly[hours.weekday].append((hours.opens, hours.closes))
    return dict(weekly)
