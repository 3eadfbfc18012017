from __future__ import annotations

from datetime import timedelta

from caselog.core.periodic import periodic_due


def test_periodic_task_is_due_first_time_and_again_after_its_interval(settings):
    settings.PERIODIC_TASKS = {"a.task": timedelta(minutes=1), "b.task": timedelta(hours=1)}
    assert periodic_due(last_run={}, now=1000.0) == ["a.task", "b.task"]
    last = {"a.task": 1000.0, "b.task": 1000.0}
    assert periodic_due(last_run=last, now=1059.0) == []
    assert periodic_due(last_run=last, now=1060.0) == ["a.task"]
