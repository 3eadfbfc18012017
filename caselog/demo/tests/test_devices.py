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


def test_demo_customers_made_by_the_cases_seed_have_their_phone_and_one_name(bob):
    # Found trying it: the cases seed ran first and made anna without a phone (and another
    # surname), so the look-up page's own example, +7 916 123-45-67, found nobody.
    from caselog.demo.cases import demo_seed

    demo_seed()
    demo_devices_seed()
    anna = User.objects.get(email="anna@example.com")
    assert (anna.first_name, anna.last_name, anna.phone) == ("Анна", "Иванова", "+7 916 123-45-67")
    agent = User.objects.get(email="agent-ru@example.com")
    assert customer_lookup(user=agent, query="+7 916 123-45-67").customers == [anna]
    assert User.objects.get(email="emma@example.com").last_name == "Brown"


def test_a_demo_customer_from_an_older_seed_without_a_phone_gets_it(bob):
    from caselog.demo.people import customer_details_complete

    old = User.objects.create_user(username="lukas", email="lukas@example.com", password="x", locale="de")
    assert customer_details_complete(old) is True
    old.refresh_from_db()
    assert old.phone == "+49 30 901820"
    assert customer_details_complete(old) is False
