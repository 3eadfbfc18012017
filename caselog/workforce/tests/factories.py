from __future__ import annotations

from datetime import date, timedelta

import factory
from django.utils import timezone

from caselog.accounts.tests.factories import UserFactory
from caselog.cases.models import Case
from caselog.cases.tests.factories import DepartmentFactory
from caselog.workforce.models import (
    AgentDay,
    HourlyVolume,
    Release,
    Schedule,
    Shift,
    ShiftKind,
    StaffingPolicy,
    Wish,
)


def next_monday(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return today + timedelta(days=7 - today.weekday())


class HourlyVolumeFactory(factory.django.DjangoModelFactory[HourlyVolume]):
    class Meta:
        model = HourlyVolume

    department = factory.SubFactory(DepartmentFactory)
    channel = Case.Channel.PHONE
    language = "en"
    hour_start = factory.LazyFunction(lambda: timezone.now().replace(minute=0, second=0, microsecond=0))
    contacts = 10


class AgentDayFactory(factory.django.DjangoModelFactory[AgentDay]):
    class Meta:
        model = AgentDay

    department = factory.SubFactory(DepartmentFactory)
    day = factory.LazyFunction(timezone.localdate)
    agents = 5


class ReleaseFactory(factory.django.DjangoModelFactory[Release]):
    class Meta:
        model = Release

    name = factory.Sequence(lambda n: f"OS {n}")
    released_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    major = True


class StaffingPolicyFactory(factory.django.DjangoModelFactory[StaffingPolicy]):
    class Meta:
        model = StaffingPolicy

    department = factory.SubFactory(DepartmentFactory)


class WishFactory(factory.django.DjangoModelFactory[Wish]):
    class Meta:
        model = Wish

    agent = factory.SubFactory(UserFactory)
    kind = Wish.Kind.PREFERRED_SHIFT
    shift = ShiftKind.EARLY


class ScheduleFactory(factory.django.DjangoModelFactory[Schedule]):
    class Meta:
        model = Schedule

    department = factory.SubFactory(DepartmentFactory)
    starts_on = factory.LazyFunction(next_monday)
    weeks = 1
    requirement = factory.LazyAttribute(
        lambda s: {
            s.department.language: {
                (s.starts_on + timedelta(days=d)).isoformat(): [1 if 7 <= h < 21 and d < 5 else 0 for h in range(24)]
                for d in range(7 * s.weeks)
            }
        }
    )


class ShiftFactory(factory.django.DjangoModelFactory[Shift]):
    class Meta:
        model = Shift

    schedule = factory.SubFactory(ScheduleFactory)
    agent = factory.SubFactory(UserFactory)
    day = factory.LazyAttribute(lambda s: s.schedule.starts_on)
    kind = ShiftKind.EARLY
    language = factory.LazyAttribute(lambda s: s.schedule.department.language)
