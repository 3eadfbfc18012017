from __future__ import annotations

import pytest
from django.urls import reverse

from caselog.devices.models import CustomerPhone
from caselog.devices.selectors import customer_lookup, phone_candidates
from caselog.devices.tests.factories import DeviceFactory
from conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_with_phone(alice):
    alice.phone = "+7 916 123-45-67"
    alice.save()
    return alice


def test_profile_phone_is_indexed_in_e164(alice_with_phone):
    assert CustomerPhone.objects.get(user=alice_with_phone).e164 == "+79161234567"


def test_clearing_the_phone_removes_it_from_the_index(alice_with_phone):
    alice_with_phone.phone = ""
    alice_with_phone.save(update_fields=["phone"])
    assert not CustomerPhone.objects.filter(user=alice_with_phone).exists()


@pytest.mark.parametrize(
    "typed",
    ["+79161234567", "+7 (916) 123-45-67", "8 916 123 45 67", "89161234567", "007 916 1234567", "  +7-916-123-4567 "],
)
def test_agent_finds_customer_by_phone_in_any_common_format(bob, alice_with_phone, typed):
    result = customer_lookup(user=bob, query=typed)
    assert result.kind == "phone"
    assert result.customers == [alice_with_phone]


def test_german_number_without_country_code_is_read_in_the_agents_region(dora, charlie):
    charlie.phone = "+49 30 901820"
    charlie.save()
    assert customer_lookup(user=dora, query="030 901820").customers == [charlie]


def test_agent_finds_customer_by_email_whatever_its_case(bob, alice):
    assert customer_lookup(user=bob, query="Alice@Example.COM").customers == [alice]


def test_agent_finds_customer_by_serial_with_spaces_and_lower_case(bob, alice, alice_iphone):
    result = customer_lookup(user=bob, query="f2lx k9q0 hg7m")
    assert result.kind == "serial"
    assert result.customers == [alice]


def test_serial_of_a_device_without_owner_is_listed_as_such(bob, iphone_15):
    device = DeviceFactory(product=iphone_15, owner=None)
    result = customer_lookup(user=bob, query=device.serial)
    assert result.customers == [] and result.devices_unowned == [device]


def test_gibberish_gets_a_hint_not_an_error(bob):
    result = customer_lookup(user=bob, query="12")
    assert result.kind == "invalid" and "phone number" in result.message


def test_phone_candidates_reject_non_numbers():
    assert phone_candidates(raw="+0000") == []


def test_lookup_page_lists_customer_with_devices(bob, alice, alice_iphone, django_assert_max_num_queries):
    client = client_for(bob)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("devices:lookup"), {"q": alice.email})
    body = response.content.decode()
    assert response.status_code == 200
    assert alice.email in body and alice_iphone.serial in body


def test_lookup_answers_htmx_with_the_results_only(bob, alice):
    response = client_for(bob).get(reverse("devices:lookup"), {"q": alice.email}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()
    assert alice.email in response.content.decode()


def test_lookup_with_a_very_long_query_is_not_an_error(bob):
    response = client_for(bob).get(reverse("devices:lookup"), {"q": "x" * 5000})
    assert response.status_code == 200


def test_customer_gets_404_on_lookup(alice):
    assert client_for(alice).get(reverse("devices:lookup"), {"q": "alice@example.com"}).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in_from_lookup(client, db):
    response = client.get(reverse("devices:lookup"))
    assert response.status_code == 302 and "login" in response["Location"]
