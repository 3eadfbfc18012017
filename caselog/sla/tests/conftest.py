"""SLA fixtures: Berlin's store line (working days 9:00-21:00, German public holidays) on
the German department, and a store-dispute policy (24 business hours to the first answer)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime, time, timedelta
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from caselog.sla.models import Metric, Priority
from caselog.sla.tests.factories import CalendarFactory, OpeningHoursFactory, SLAPolicyFactory, SLATargetFactory

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


@contextmanager
def frozen_at(moment: datetime) -> Iterator[None]:
    """Every timezone.now() (including auto_now fields) returns `moment`."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """These tests make many users and never check a password: skip the slow hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def at() -> Callable[[datetime], AbstractContextManager[None]]:
    return frozen_at


@pytest.fixture
def berlin_calendar(db: None) -> Any:
    calendar = CalendarFactory(name="Berlin store line", time_zone="Europe/Berlin", holiday_country="DE")
    for weekday in range(5):
        OpeningHoursFactory(calendar=calendar, weekday=weekday, opens=time(9), closes=time(21))
    return calendar


@pytest.fixture
def store_policy(db: None) -> Any:
    policy = SLAPolicyFactory(name="Store disputes", warn_before=timedelta(hours=2))
    SLATargetFactory(policy=policy, metric=Metric.FIRST_RESPONSE, target=timedelta(hours=24))
    SLATargetFactory(policy=policy, metric=Metric.FIRST_RESPONSE, priority=Priority.URGENT, target=timedelta(hours=4))
    SLATargetFactory(policy=policy, metric=Metric.NEXT_RESPONSE, target=timedelta(hours=12))
    SLATargetFactory(policy=policy, metric=Metric.RESOLUTION, target=timedelta(hours=60))
    return policy


@pytest.fixture
def de_store(de_queue: Any, berlin_calendar: Any, unauthorized_purchases: Any, store_policy: Any) -> Any:
    """The German queue on the Berlin calendar, store disputes under the store policy."""
    de_queue.department.calendar = berlin_calendar
    de_queue.department.save()
    unauthorized_purchases.sla_policy = store_policy
    unauthorized_purchases.save()
    return de_queue
