"""The one registry of panels beside a case in the agent console.

The console sits on the top layer and every domain sits below it, so a domain never imports the
console: each registers its panel here from its AppConfig.ready() — a template, a selector that
returns that template's context for (agent, case[, forms]) or None to hide the panel, and the most
queries that selector may run (a console test holds every panel to its budget). The console reads
the registry and renders the panels."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PanelContext = Callable[..., "dict[str, Any] | None"]

DEFAULT_PANEL_QUERY_BUDGET = 10


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    context: PanelContext
    position: int = 100
    max_queries: int = DEFAULT_PANEL_QUERY_BUDGET


_registry: dict[str, Panel] = {}


def panel_register(
    *,
    key: str,
    template: str,
    context: PanelContext,
    position: int = 100,
    max_queries: int = DEFAULT_PANEL_QUERY_BUDGET,
) -> None:
    _registry[key] = Panel(key=key, template=template, context=context, position=position, max_queries=max_queries)


def panel_get(key: str) -> Panel:
    """The panel registered under `key` (KeyError if none is)."""
    return _registry[key]


def panel_list() -> list[Panel]:
    """Every registered panel, in the order the console shows them."""
    return sorted(_registry.values(), key=lambda p: (p.position, p.key))
