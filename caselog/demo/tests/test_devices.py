from __future__ import annotations

import pytest

from caselog.accounts.models import User
from caselog.demo.devices import demo_devices_seed
from caselog.devices.models import Device
from caselog.devices.selectors import (
    customer_list_visible_to,
    customer_lookup,
    customer_needs_accessibility,
    device_list_visible_to,
)

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_builds_the_devices_world(bob):
    assert demo_devices_seed() > 0
    assert demo_devices_seed() == 0
    anna = User.objects.get(email="anna@example.com")
    assert anna.check_password("Demo-Pass-2024") and anna.locale == "ru"
    assert Device.objects.filter(owner=anna).count() == 2
    partner = User.objects.get(email="partner@example.com")
    assert {d.owner.email for d in device_list_visible_to(user=partner) if d.owner} == {"ivan@example.com"}
    assert list(customer_list_visible_to(user=partner).values_list("email", flat=True)) == ["ivan@example.com"]
    assert customer_needs_accessibility(user=User.objects.get(email="helen@example.com"))
    assert customer_lookup(user=bob, query="8 916 123 45 67").customers == [anna]
