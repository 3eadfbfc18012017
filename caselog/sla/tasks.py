"""The SLA clocks' tasks (escalation rounds and mail, recomputing due times) live in
`caselog.cases.tasks` now: the clocks are the cases app's. Rows the worker queued before
the move name `caselog.sla.tasks.<name>`; the cases app registers each moved task here under
its old name at start-up, so those rows still run and this app never imports cases."""

from __future__ import annotations

from typing import Any

from django_tasks.base import Task

_MOVED: dict[str, Task[Any, Any]] = {}


def task_moved_register(name: str, task: Task[Any, Any]) -> None:
    _MOVED[name] = task


def __getattr__(name: str) -> Task[Any, Any]:
    try:
        return _MOVED[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
