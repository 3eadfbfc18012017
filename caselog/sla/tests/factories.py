from __future__ import annotations

from datetime import time, timedelta

import factory
from django.utils import timezone

from caselog.sla.models import (
    Calendar,
    CalendarException,
    Closure,
    Escalation,
    Metric,
    OpeningHours,
    Priority,
    SLAPolicy,
    SLATarget,
)


class CalendarFactory(factory.django.DjangoModelFactory[Calendar]):
    class Meta:
        model = Calendar

    name = factory.Sequence(lambda n: f"Calendar {n}")
    time_zone = "Europe/Berlin"


class OpeningHoursFactory(factory.django.DjangoModelFactory[OpeningHours]):
    class Meta:
        model = OpeningHours

    calendar = factory.SubFactory(CalendarFactory)
    weekday = 0
    opens = time(9)
    closes = time(17)


class CalendarExceptionFactory(factory.django.DjangoModelFactory[CalendarException]):
    class Meta:
        model = CalendarException

    calendar = factory.SubFactory(CalendarFactory)
    date = factory.LazyFunction(lambda: timezone.now().date())
    name = "Exception"


class ClosureFactory(factory.django.DjangoModelFactory[Closure]):
    class Meta:
        model = Closure

    calendar = factory.SubFactory(CalendarFactory)
    name = "Closed"
    starts_at = factory.LazyFunction(timezone.now)
    ends_at = factory.LazyAttribute(lambda c: c.starts_at + timedelta(hours=4))


class SLAPolicyFactory(factory.django.DjangoModelFactory[SLAPolicy]):
    class Meta:
        model = SLAPolicy

    name = factory.Sequence(lambda n: f"Policy {n}")
    warn_before = timedelta(hours=1)


class SLATargetFactory(factory.django.DjangoModelFactory[SLATarget]):
    class Meta:
        model = SLATarget

    policy = factory.SubFactory(SLAPolicyFactory)
    priority = Priority.NORMAL
    metric = Metric.FIRST_RESPONSE
    target = timedelta(hours=24)
    business_time = True


class EscalationFactory(factory.django.DjangoModelFactory[Escalation]):
    class Meta:
        model = Escalation

    target_type = "cases.case"
    target_id = "1"
    metric = Metric.FIRST_RESPONSE
    kind = Escalation.Kind.WARNING
    cycle_start = factory.LazyFunction(timezone.now)
    due_at = factory.LazyFunction(timezone.now)
