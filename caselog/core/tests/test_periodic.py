from __future__ import annotations

from datetime import timedelta

from caselog.core.periodic import _key, periodic_due


def test_periodic_task_is_due_first_time_and_again_after_its_interval(settings):
    minute, hour = timedelta(minutes=1), timedelta(hours=1)
    settings.PERIODIC_TASKS = [("a.task", minute, {}), ("b.task", hour, {"name": "x"})]
    assert [path for path, _, _ in periodic_due(last_run={}, now=1000.0)] == ["a.task", "b.task"]
    last = {_key("a.task", {}): 1000.0, _key("b.task", {"name": "x"}): 1000.0}
    assert periodic_due(last_run=last, now=1059.0) == []
    assert periodic_due(last_run=last, now=1060.0) == [("a.task", minute, {})]


def test_every_scheduled_task_exists():
    from django.conf import settings
    from django.utils.module_loading import import_string

    for path, _every, _kwargs in settings.PERIODIC_TASKS:
        assert hasattr(import_string(path), "enqueue")
