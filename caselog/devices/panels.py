"""The device panel beside a case in the agent console. The case reaches us only through the
registry callback: devices is a lower app and reads nothing but `case.customer` from it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q
from django.utils import timezone

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
    rows = [{"device": device, "coverage": coverage_for(device=device)} for device in devices]
    _count_calls_in_support_window(case, customer, rows)
    return {"customer": customer, "rows": rows, "accessibility": accessibility_profile_for(user=customer)}


def _count_calls_in_support_window(case: Any, customer: User, rows: list[dict[str, Any]]) -> None:
    """Each device's `calls_in_window`: the customer's calls (the case's call log model, reached
    through the case) from the purchase date to the last day of complimentary phone support.
    One query for all devices. The number is shown, never limited."""
    calls = getattr(case, "calls", None)
    windows = {
        row["device"].pk: (row["coverage"].purchase_date, row["coverage"].phone_support_until)
        for row in rows
        if row["coverage"].purchase_date and row["coverage"].phone_support_until
    }
    if calls is None or not windows:
        return
    zone = timezone.get_current_timezone()

    def midnight(day: date) -> datetime:
        return datetime.combine(day, time.min, tzinfo=zone)

    counts = calls.model.objects.filter(case__customer=customer).aggregate(
        **{
            f"device_{pk}": Count(
                "pk", filter=Q(started_at__gte=midnight(first), started_at__lt=midnight(last + timedelta(days=1)))
            )
            for pk, (first, last) in windows.items()
        }
    )
    for row in rows:
        row["calls_in_window"] = counts.get(f"device_{row['device'].pk}")
