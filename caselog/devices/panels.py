"""The device panel beside a case in the agent console. The case reaches us only through the
registry callback: devices is a lower app and reads nothing but `case.customer` from it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from caselog.cases.panels import panel_register

if TYPE_CHECKING:
    from caselog.accounts.models import User


def device_panel_context(agent: User, case: Any) -> dict[str, Any] | None:
    from caselog.devices.selectors import (
        accessibility_profile_for,
        coverage_for,
        customer_list_visible_to,
        device_list_visible_to,
    )

    customer = getattr(case, "customer", None)
    if customer is None or not customer_list_visible_to(user=agent).filter(pk=customer.pk).exists():
        return None
    devices = list(device_list_visible_to(user=agent).filter(owner=customer).order_by("serial")[:20])
    return {
        "customer": customer,
        "rows": [{"device": device, "coverage": coverage_for(device=device)} for device in devices],
        "accessibility": accessibility_profile_for(user=customer),
    }


panel_register(key="devices", template="devices/panel.html", context=device_panel_context, position=20)
