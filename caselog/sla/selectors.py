"""Reads for SLA pages. Only people who may manage SLAs see calendars and policies; for
anyone else they do not exist (404)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language

from caselog.accounts.models import User
from caselog.sla.calendars import public_holidays
from caselog.sla.models import Calendar, Closure, SLAPolicy
from caselog.sla.services import MANAGE_PERMISSION

UPCOMING_HOLIDAY_DAYS = 120


def _check(user: User) -> None:
    if not user.is_authenticated or not user.has_perm(MANAGE_PERMISSION):
        raise Http404


def calendar_list_for(*, user: User) -> QuerySet[Calendar]:
    _check(user)
    return Calendar.objects.annotate(department_count=Count("departments", distinct=True)).prefetch_related("hours")


def calendar_for(*, user: User, pk: int) -> Calendar:
    _check(user)
    return get_object_or_404(Calendar.objects.prefetch_related("hours", "exceptions", "closures"), pk=pk)


def closure_for(*, user: User, calendar: Calendar, pk: int) -> Closure:
    _check(user)
    return get_object_or_404(Closure, calendar=calendar, pk=pk)


def policy_list_for(*, user: User) -> QuerySet[SLAPolicy]:
    _check(user)
    return SLAPolicy.objects.prefetch_related("targets", "request_types")


def policy_for(*, user: User, pk: int) -> SLAPolicy:
    _check(user)
    return get_object_or_404(SLAPolicy, pk=pk)


def upcoming_holidays(*, calendar: Calendar, today: date | None = None) -> list[tuple[date, str]]:
    today = today or timezone.localdate()
    until = today + timedelta(days=UPCOMING_HOLIDAY_DAYS)
    found = public_holidays(
        country=calendar.holiday_country,
        subdivision=calendar.holiday_subdivision,
        years=range(today.year, until.year + 1),
        language=(get_language() or "en")[:2],
    )
    return sorted((day, name) for day, name in found.items() if today <= day <= until)


def report_check(*, user: User) -> None:
    _check(user)
