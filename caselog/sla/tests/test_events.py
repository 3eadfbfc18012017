"""Calendar and policy changes announce themselves; this app never calls whoever follows them."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from caselog.core import events
from caselog.sla import services
from caselog.sla.models import Metric, Priority

heard: list[tuple[str, dict[str, object]]] = []


def _hear(event: events.Event) -> None:
    heard.append((event.kind, event.payload()))


@pytest.fixture(autouse=True)
def _listening():
    heard.clear()
    events.event_subscribe([services.CALENDAR_CHANGED, services.POLICY_CHANGED], _hear)
    yield
    events._SUBSCRIPTIONS.pop(f"{__name__}._hear", None)


def test_new_opening_hours_announce_the_calendar_change_after_commit(
    maria, berlin_calendar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.calendar_set_hours(actor=maria, calendar=berlin_calendar, hours=[(0, time(8), time(20))])
        assert heard == []
    assert heard == [
        (
            services.CALENDAR_CHANGED,
            {"id": berlin_calendar.pk, "name": berlin_calendar.name, "time_zone": "Europe/Berlin"},
        )
    ]


def test_a_new_policy_target_announces_the_policy_change(maria, store_policy, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.policy_target_set(
            actor=maria,
            policy=store_policy,
            priority=Priority.HIGH,
            metric=Metric.RESOLUTION,
            target=timedelta(hours=8),
            business_time=True,
        )
    assert heard == [(services.POLICY_CHANGED, {"id": store_policy.pk, "name": store_policy.name})]


def test_only_sla_managers_may_see_these_events(maria, dora):
    kind = events.event_kind(services.CALENDAR_CHANGED)
    assert kind.visible_to(maria, None) and not kind.visible_to(dora, None)
