"""Panels beside a case in the agent console, contributed by other apps.

The console must not import the apps that sit beside it (store, repairs) or above it, so
each app registers a panel in its AppConfig.ready(): a template and a function that
returns that template's context for (agent, case). A panel returning None is not shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from caselog.accounts.models import User
    from caselog.cases.models import Case

PanelContext = Callable[["User", "Case"], "dict[str, Any] | None"]


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    context: PanelContext
    position: int = 100


_registry: dict[str, Panel] = {}


def panel_register(*, key: str, template: str, context: PanelContext, position: int = 100) -> None:
    _registry[key] = Panel(key=key, template=template, context=context, position=position)


def panels_for(*, agent: User, case: Case) -> list[dict[str, Any]]:
    rendered = []
    for panel in sorted(_registry.values(), key=lambda p: (p.position, p.key)):
        context = panel.context(agent, case)
        if context is not None:
            rendered.append({"key": panel.key, "template": panel.template, "context": context})
    return rendered
