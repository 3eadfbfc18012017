from __future__ import annotations

from typing import Any

import pytest

from caselog.accounts.models import Role
from caselog.accounts.tests.factories import UserFactory
from caselog.demo.devices import demo_devices_seed
from caselog.demo.repairs import demo_repairs_seed
from caselog.devices.models import DeviceEvent
from caselog.repairs.models import RepairOrder, ServiceLocation, StockLevel

pytestmark = pytest.mark.django_db


def test_demo_seed_creates_locations_stock_and_orders_in_several_states_once(db: Any) -> None:
    UserFactory(email="tech@example.com", username="tech", roles=[Role.TECHNICIAN])
    demo_devices_seed()
    assert demo_repairs_seed() > 100
    assert set(ServiceLocation.objects.values_list("city", flat=True)) == {"Moscow", "Berlin", "Cork"}
    states = dict(RepairOrder.objects.values_list("device__serial", "state"))
    assert states == {
        "GH7MF2LXK9Q3": "returned",
        "F2LXK9Q0HG7M": "in_repair",
        "DNPZ4K7WN72J": "quote",
        "MQ9R2TX7HJ4P": "intake",
    }
    assert RepairOrder.objects.get(device__serial="GH7MF2LXK9Q3").warranty_until is not None
    assert DeviceEvent.objects.filter(source="repairs").count() > 10
    assert any(level.needs_reorder for level in StockLevel.objects.all())
    assert demo_repairs_seed() == 0
    assert RepairOrder.objects.count() == 4
