"""Keeping the demo current: `make run` may seed today and run again weeks later, and the demo
should look like a support organisation at work on whatever day that is."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from django.db.models import DateTimeField, F, Model, QuerySet
from django.utils import timezone

# Demo accounts were opened between these many days ago: established members, older than the
# community's new-member and trusted-member ages, so its throttles treat them as regulars.
MEMBER_SINCE_DAYS = (120, 720)


def weeks_behind(latest: datetime, *, now: datetime | None = None) -> timedelta:
    """How far to move demo rows whose newest one is `latest` so it falls in the last week: whole
    weeks, so weekdays and times of day (and with them business hours) stay as they were."""
    now = now or timezone.now()
    return timedelta(weeks=max(0, (now - latest) // timedelta(weeks=1)))


def rows_shift(queryset: QuerySet[Any], delta: timedelta) -> int:
    """Move every date-time column of these rows by `delta` (one UPDATE; auto_now is left alone)."""
    model: type[Model] = queryset.model
    fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, DateTimeField)]
    if not fields or not delta:
        return 0
    return queryset.update(**{name: F(name) + delta for name in fields})


def member_since(email: str, *, now: datetime | None = None) -> datetime:
    """When a demo account was opened: a fixed number of days before now, picked by its email."""
    low, high = MEMBER_SINCE_DAYS
    days = low + int(hashlib.sha256(email.encode()).hexdigest(), 16) % (high - low)
    return (now or timezone.now()) - timedelta(days=days)


def spread_back(index: int, *, weeks: int = 6, now: datetime | None = None) -> datetime:
    """A moment in the past `weeks` weeks for the index-th demo item: items spread over the
    weeks (not all 'just now'), the same spread on every run."""
    hours = (index * 97) % (weeks * 7 * 24 - 24) + 24
    return (now or timezone.now()) - timedelta(hours=hours)
