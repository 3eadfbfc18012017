from __future__ import annotations

import pytest
from django.urls import reverse

from caselog.devices.selectors import customer_list_visible_to, device_list_visible_to
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_partner_agent_sees_only_devices_sold_through_their_organisation(
    paul_partner, alice_iphone, charlie_megafon_iphone
):
    assert list(device_list_visible_to(user=paul_partner)) == [charlie_megafon_iphone]


def test_partner_agent_sees_only_customers_of_their_devices(
    paul_partner, alice_iphone, charlie_megafon_iphone, charlie
):
    assert list(customer_list_visible_to(user=paul_partner)) == [charlie]


def test_partner_agent_without_organisation_sees_nothing(paul_partner, charlie_megafon_iphone):
    paul_partner.partner = None
    paul_partner.save()
    assert not device_list_visible_to(user=paul_partner).exists()
    assert not customer_list_visible_to(user=paul_partner).exists()


def test_partner_agent_gets_404_on_a_device_sold_by_us(paul_partner, alice_iphone):
    response = client_for(paul_partner).get(reverse("console:device", args=[alice_iphone.serial]))
    assert response.status_code == 404


def test_partner_agent_gets_404_on_a_customer_of_another_seller(paul_partner, alice_iphone, alice):
    response = client_for(paul_partner).get(reverse("console:customer", args=[alice.pk]))
    assert response.status_code == 404


def test_partner_agent_opens_a_device_sold_through_them(paul_partner, charlie_megafon_iphone):
    response = client_for(paul_partner).get(reverse("console:device", args=[charlie_megafon_iphone.serial]))
    assert response.status_code == 200
    assert "MegaFon Retail" in response.content.decode()


def test_partner_agent_does_not_see_the_customers_other_devices(
    paul_partner, charlie_megafon_iphone, charlie_iphone, charlie
):
    body = client_for(paul_partner).get(reverse("console:customer", args=[charlie.pk])).content.decode()
    assert charlie_megafon_iphone.serial in body
    assert charlie_iphone.serial not in body


def test_partner_agent_look_up_finds_nothing_outside_their_organisation(paul_partner, alice_iphone, alice):
    body = client_for(paul_partner).get(reverse("console:lookup"), {"q": alice.email}).content.decode()
    assert "No customer found" in body


def test_staff_agent_sees_every_device(bob, alice_iphone, charlie_megafon_iphone):
    assert set(device_list_visible_to(user=bob)) == {alice_iphone, charlie_megafon_iphone}


def test_customer_sees_only_their_own_devices(alice, alice_iphone, charlie_iphone):
    assert list(device_list_visible_to(user=alice)) == [alice_iphone]
