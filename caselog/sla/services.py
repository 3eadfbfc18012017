"""Changes to calendars and SLA policies. Each runs in one transaction with its audit row and
announces the change (`sla.calendar_changed`, `sla.policy_changed`): the cases app recomputes
the due times of the open cases that follow what changed, after commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from caselog.accounts.models import User
from caselog.audit.services import audit_record
from caselog.core.events import event_emit
from caselog.sla.models import Calendar, CalendarException, Closure, OpeningHours, SLAPolicy, SLATarget

MANAGE_PERMISSION = "sla.manage_sla"
CALENDAR_CHANGED = "sla.calendar_changed"
POLICY_CHANGED = "sla.policy_changed"
ICAL_MAX_EVENTS = 2000


def check_can_manage_sla(*, user: User) -> None:
    if not user.is_authenticated or not user.has_perm(MANAGE_PERMISSION):
        raise PermissionDenied


def calendar_changed(calendar: Calendar) -> None:
    """Bump updated_at (compiled clocks are cached by it) and announce the change (its
    followers recompute after commit). Call inside the change's transaction."""
    calendar.save(update_fields=["updated_at"])
    event_emit(CALENDAR_CHANGED, calendar)


def _policy_changed(policy: SLAPolicy) -> None:
    policy.save(update_fields=["updated_at"])
    event_emit(POLICY_CHANGED, policy)


def calendar_set_hours(
    *, actor: User, calendar: Calendar, hours: Sequence[tuple[int, time, time]]
) -> list[OpeningHours]:
    """Replace the calendar's weekly hours; several intervals a day are allowed."""
    check_can_manage_sla(user=actor)
    with transaction.atomic():
        before = [str(h) for h in calendar.hours.all()]
        calendar.hours.all().delete()
        rows = OpeningHours.objects.bulk_create(
            OpeningHours(calendar=calendar, weekday=weekday, opens=opens, closes=closes)
            for weekday, opens, closes in hours
        )
        audit_record(
            actor=actor,
            action="sla.calendar_hours",
            target=calendar,
            before={"hours": "; ".join(before)},
            after={"hours": "; ".join(str(r) for r in rows)},
        )
        calendar_changed(calendar)
    return rows


def calendar_update(*, actor: User, calendar: Calendar, **changes: Any) -> Calendar:
    """Change the time zone, holiday country or region of a calendar."""
    check_can_manage_sla(user=actor)
    allowed = {"name", "time_zone", "holiday_country", "holiday_subdivision"}
    if set(changes) - allowed:
        raise ValueError(f"Cannot change {set(changes) - allowed}")
    with transaction.atomic():
        before = {name: getattr(calendar, name) for name in changes}
        for name, value in changes.items():
            setattr(calendar, name, value)
        calendar.full_clean()
        calendar.save(update_fields=[*changes, "updated_at"])
        audit_record(actor=actor, action="sla.calendar_update", target=calendar, before=before, after=changes)
        calendar_changed(calendar)
    return calendar


def closure_add(*, actor: User, calendar: Calendar, name: str, starts_at: datetime, ends_at: datetime) -> Closure:
    """Close the calendar for a stretch of time (an office move, a company event)."""
    check_can_manage_sla(user=actor)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The closure must end after it starts.")})
    with transaction.atomic():
        closure = Closure.objects.create(calendar=calendar, name=name, starts_at=starts_at, ends_at=ends_at)
        audit_record(
            actor=actor,
            action="sla.closure_add",
            target=calendar,
            after={"name": name, "from": starts_at.isoformat(), "until": ends_at.isoformat()},
        )
        calendar_changed(calendar)
    return closure


def closure_delete(*, actor: User, closure: Closure) -> None:
    check_can_manage_sla(user=actor)
    with transaction.atomic():
        calendar = closure.calendar
        audit_record(actor=actor, action="sla.closure_delete", target=calendar, before={"name": closure.name})
        closure.delete()
        calendar_changed(calendar)


def exception_add(
    *, actor: User, calendar: Calendar, day: date, opens: time | None, closes: time | None, name: str = ""
) -> CalendarException:
    """Other hours on one date (or, without times, closed that date)."""
    check_can_manage_sla(user=actor)
    if (opens is None) != (closes is None):
        raise ValidationError({"closes": _("Give both the opening and the closing time, or neither.")})
    with transaction.atomic():
        exception = CalendarException.objects.create(calendar=calendar, date=day, opens=opens, closes=closes, name=name)
        audit_record(
            actor=actor,
            action="sla.exception_add",
            target=calendar,
            after={"date": day.isoformat(), "opens": str(opens or ""), "closes": str(closes or ""), "name": name},
        )
        calendar_changed(calendar)
    return exception


def _ical_bounds(component: Any, zone: ZoneInfo) -> tuple[datetime, datetime] | None:
    start = component.decoded("DTSTART", None)
    if start is None:
        return None
    end = component.decoded("DTEND", None)
    if isinstance(start, datetime):
        start = start if start.tzinfo else start.replace(tzinfo=zone)
        if end is None:
            duration = component.decoded("DURATION", None)
            end = start + (duration if isinstance(duration, timedelta) else timedelta(0))
        elif isinstance(end, datetime):
            end = end if end.tzinfo else end.replace(tzinfo=zone)
        else:
            return None
        return start, end
    # An all-day event closes whole local days: [start 00:00, end 00:00) in the calendar's zone.
    last = end if isinstance(end, date) and not isinstance(end, datetime) else start + timedelta(days=1)
    return datetime.combine(start, time(), tzinfo=zone), datetime.combine(last, time(), tzinfo=zone)


def calendar_import_ical(*, actor: User, calendar: Calendar, data: bytes) -> int:
    """Import the events of an iCal file as closures. Importing the same file again updates
    the closures (matched by UID) instead of adding them twice. Returns how many were read."""
    check_can_manage_sla(user=actor)
    try:
        parsed = icalendar.Calendar.from_ical(data)
    except ValueError as error:
        raise ValidationError({"file": _("This is not an iCal (.ics) file.")}) from error
    zone = ZoneInfo(calendar.time_zone)
    events = []
    for component in parsed.walk("VEVENT"):
        bounds = _ical_bounds(component, zone)
        if bounds is None or bounds[1] <= bounds[0]:
            continue
        uid = str(component.get("UID", ""))[:255]
        summary = str(component.get("SUMMARY", "")) or _("Closed")
        events.append((uid, summary[:200], *bounds))
    if not events:
        raise ValidationError({"file": _("The file has no events with a start and an end.")})
    if len(events) > ICAL_MAX_EVENTS:
        raise ValidationError({"file": _("The file has too many events.")})
    with transaction.atomic():
        for uid, summary, starts_at, ends_at in events:
            defaults = {"name": summary, "starts_at": starts_at, "ends_at": ends_at, "source": Closure.Source.ICAL}
            if uid:
                Closure.objects.update_or_create(calendar=calendar, uid=uid, defaults=defaults)
            else:
                Closure.objects.get_or_create(
                    calendar=calendar, starts_at=starts_at, ends_at=ends_at, defaults=defaults
                )
        audit_record(actor=actor, action="sla.ical_import", target=calendar, after={"events": len(events)})
        calendar_changed(calendar)
    return len(events)


def policy_target_set(
    *,
    actor: User,
    policy: SLAPolicy,
    priority: str,
    metric: str,
    target: timedelta,
    business_time: bool,
) -> SLATarget:
    """Set one promise of a policy; the open cases that follow it get new due times."""
    check_can_manage_sla(user=actor)
    if target <= timedelta(0):
        raise ValidationError({"target": _("The target must be longer than zero.")})
    with transaction.atomic():
        existing = SLATarget.objects.filter(policy=policy, priority=priority, metric=metric).first()
        before = {"target": str(existing.target), "business_time": existing.business_time} if existing else {}
        row, _created = SLATarget.objects.update_or_create(
            policy=policy,
            priority=priority,
            metric=metric,
            defaults={"target": target, "business_time": business_time},
        )
        audit_record(
            actor=actor,
            action="sla.target_set",
            target=policy,
            before=before,
            after={"priority": priority, "metric": metric, "target": str(target), "business_time": business_time},
        )
        _policy_changed(policy)
    return row
