"""The demo looks current on whatever day `make run` runs: seeded at one moment (the clock
pinned, not ticking) and run again weeks later, its cases, purchases, community, workforce
history and repair slots belong to the later day, and nothing is created twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from django.db.models import Max
from django.utils import timezone

from caselog.accounts.models import User
from caselog.cases.models import Case
from caselog.community.models import Thread
from caselog.community.services import NEW_ACCOUNT_AGE, TRUSTED_ACCOUNT_AGE, TrustLevel, trust_level
from caselog.demo.cases import CUSTOMERS, demo_seed
from caselog.demo.community import demo_community_seed
from caselog.demo.devices import demo_devices_seed
from caselog.demo.repairs import demo_repairs_seed
from caselog.demo.sla import demo_sla_seed
from caselog.demo.store import REPORTED_ORDER_NUMBER, demo_store_seed
from caselog.demo.workforce import demo_workforce_seed
from caselog.repairs.models import ServiceSlot
from caselog.store.models import Purchase
from caselog.workforce.models import HourlyVolume

pytestmark = pytest.mark.django_db

# A Tuesday morning; the second run is 30 days and 5 hours later (a Thursday afternoon).
FIRST_RUN = datetime(2027, 2, 9, 9, 30, tzinfo=UTC)
LATER_RUN = FIRST_RUN + timedelta(days=30, hours=5)
HISTORY_DAYS = 40  # longer than the gap, so the top-up must leave no hole


def _seed_everything() -> None:
    demo_seed()
    demo_devices_seed()
    demo_store_seed()
    demo_sla_seed()
    demo_repairs_seed()
    demo_workforce_seed(days=HISTORY_DAYS)
    demo_community_seed()


def _hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def _demo_customers() -> list[User]:
    return list(User.objects.filter(email__in=[row[0] for row in CUSTOMERS]))


def test_first_run_demo_members_are_established_and_threads_spread_over_weeks(time_machine):
    time_machine.move_to(FIRST_RUN, tick=False)
    _seed_everything()

    for member in _demo_customers():
        assert timezone.now() - member.date_joined > max(NEW_ACCOUNT_AGE, TRUSTED_ACCOUNT_AGE), member.email
        assert trust_level(user=member) != TrustLevel.NEW
    staff = User.objects.filter(email="agent-ru@example.com").get()
    assert timezone.now() - staff.date_joined > TRUSTED_ACCOUNT_AGE

    created = list(Thread.objects.values_list("created_at", flat=True))
    assert len(set(created)) == len(created) > 50  # no two threads posted at the same moment
    assert max(created) < timezone.now() - timedelta(hours=12)
    assert max(created) - min(created) > timedelta(weeks=3)
    assert all(timezone.now() - moment < timedelta(weeks=7) for moment in created)
    for thread in Thread.objects.exclude(reply_count=0).prefetch_related("replies"):
        replies = list(thread.replies.all())
        assert all(thread.created_at < reply.created_at < timezone.now() for reply in replies)
        assert thread.last_activity_at == replies[-1].created_at

    newest_hour = HourlyVolume.objects.aggregate(last=Max("hour_start"))["last"]
    assert newest_hour == _hour(FIRST_RUN) - timedelta(hours=1)
    open_cases = Case.objects.filter(status__in=Case.OPEN_STATUSES)
    assert open_cases.exists()
    assert all(timezone.now() - case.created_at < timedelta(days=21) for case in open_cases)


def test_demo_run_again_weeks_later_looks_current_and_creates_nothing_twice(time_machine):
    time_machine.move_to(FIRST_RUN, tick=False)
    _seed_everything()
    counts = (Case.objects.count(), Thread.objects.count(), Purchase.objects.count())
    first_due = dict(Case.objects.filter(status__in=Case.OPEN_STATUSES).values_list("pk", "first_response_due"))

    time_machine.move_to(LATER_RUN, tick=False)
    _seed_everything()

    assert (Case.objects.count(), Thread.objects.count(), Purchase.objects.count()) == counts
    now = timezone.now()
    # Cases: the newest less than a week old, none from the future, the SLA clocks moved with them.
    open_cases = list(Case.objects.filter(status__in=Case.OPEN_STATUSES))
    assert open_cases
    assert now - max(case.created_at for case in open_cases) < timedelta(weeks=1)
    assert all(timedelta(0) < now - case.created_at < timedelta(days=28) for case in open_cases)
    moved = [case for case in open_cases if case.first_response_due != first_due[case.pk]]
    assert moved and all(case.first_response_due > first_due[case.pk] for case in moved)
    assert all(message.created_at <= now for case in open_cases for message in case.messages.all())
    # Store: Ivan's reported purchase is still from about yesterday.
    reported = Purchase.objects.get(order_number=REPORTED_ORDER_NUMBER)
    assert timedelta(0) < now - reported.purchased_at < timedelta(weeks=1)
    # Community: fresh threads, none from the future; members still established.
    latest_thread = Thread.objects.aggregate(latest=Max("created_at"))["latest"]
    assert timedelta(0) < now - latest_thread < timedelta(weeks=1)
    assert all(trust_level(user=member) != TrustLevel.NEW for member in _demo_customers())
    # Workforce: the hourly history reaches the current hour without a hole since the first run.
    assert HourlyVolume.objects.aggregate(last=Max("hour_start"))["last"] == _hour(now) - timedelta(hours=1)
    # (an hour without a single contact anywhere has no row: quiet nights leave gaps of a few hours)
    stamps = sorted(
        set(
            HourlyVolume.objects.filter(hour_start__gte=_hour(FIRST_RUN) - timedelta(hours=1)).values_list(
                "hour_start", flat=True
            )
        )
    )
    assert stamps[0] == _hour(FIRST_RUN) - timedelta(hours=1)
    assert max(later - earlier for earlier, later in pairwise(stamps)) <= timedelta(hours=8)
    assert len(stamps) > 0.9 * (_hour(now) - _hour(FIRST_RUN)) / timedelta(hours=1)
    # Repairs: bookable slots in the coming days.
    assert ServiceSlot.objects.filter(starts_at__gt=now, starts_at__lt=now + timedelta(days=8)).count() > 10
