"""Reads for the agent console."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import Http404

from caselog.cases.selectors import case_for_agent
from caselog.core.panels import panel_list

if TYPE_CHECKING:
    from caselog.accounts.models import User
    from caselog.cases.models import Case


def panels_for(*, agent: User, case: Case) -> list[dict[str, Any]]:
    """The panels beside `case` for `agent`, each with its rendered context; hidden ones left out."""
    rendered = []
    for panel in panel_list():
        context = panel.context(agent, case)
        if context is not None:
            rendered.append({"key": panel.key, "template": panel.template, "context": context})
    return rendered


def customer_case_for_agent(*, agent: User, number: str) -> tuple[Case, User]:
    """The case (404 if the agent may not see it) and its customer account (404 if a guest)."""
    case = case_for_agent(user=agent, number=number)
    if case.customer is None:
        raise Http404
    return case, case.customer
