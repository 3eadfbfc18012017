from __future__ import annotations

from typing import Any

import pytest
from django.db.models.functions import Lower
from django.urls import reverse

from caselog.devices.models import CustomerPhone
from caselog.devices.selectors import customer_list_visible_to, customer_lookup, phone_candidates
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
    # session, user, permissions (2), roles; then the look-up itself: customers, their devices
    with django_assert_max_num_queries(7):
        response = client.get(reverse("console:lookup"), {"q": alice.email})
    body = response.content.decode()
    assert response.status_code == 200
    assert alice.email in body and alice_iphone.serial in body


def test_lookup_answers_htmx_with_the_results_only(bob, alice):
    response = client_for(bob).get(reverse("console:lookup"), {"q": alice.email}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()
    assert alice.email in response.content.decode()


def test_lookup_with_a_very_long_query_is_not_an_error(bob):
    response = client_for(bob).get(reverse("console:lookup"), {"q": "x" * 5000})
    assert response.status_code == 200


def test_customer_gets_404_on_lookup(alice):
    assert client_for(alice).get(reverse("console:lookup"), {"q": "alice@example.com"}).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in_from_lookup(client, db):
    response = client.get(reverse("console:lookup"))
    assert response.status_code == 302 and "login" in response["Location"]


# One indexed query per look-up, whatever the size of the tables -------------------------------


def _devices_of(customer: Any) -> list[Any]:
    return list(customer.visible_devices)


@pytest.fixture
def bob_warm(bob):
    """Bob with his permissions and roles loaded, as after the first check of a request."""
    from caselog.devices.selectors import is_console_user, is_partner_scoped

    assert is_console_user(bob) and not is_partner_scoped(bob)
    return bob


@pytest.fixture
def alice_three_devices(alice, iphone_15):
    alice.phone = "+49 151 23456789"
    alice.save()
    return [DeviceFactory(product=iphone_15, owner=alice) for _ in range(3)]


@pytest.mark.parametrize("query", ["ALICE@example.com", "0151 23456789", "serial"])
def test_a_hit_costs_two_queries_the_customers_and_their_devices(
    bob_warm, alice, alice_three_devices, query, django_assert_num_queries
):
    query = alice_three_devices[1].serial.lower() if query == "serial" else query
    with django_assert_num_queries(2):
        result = customer_lookup(user=bob_warm, query=query)
        assert result.customers == [alice]
        assert {device.serial for device in _devices_of(result.customers[0])} == {
            device.serial for device in alice_three_devices
        }
        assert all(device.product.name for device in _devices_of(result.customers[0]))


@pytest.mark.parametrize("query", ["nobody@example.org", "+49 151 99999999", "ZZZZZZZZZZ"])
def test_a_miss_costs_one_query(bob_warm, alice_three_devices, query, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert customer_lookup(user=bob_warm, query=query).customers == []


def test_an_invalid_phone_number_costs_no_query(bob_warm, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert customer_lookup(user=bob_warm, query="12").kind == "invalid"


@pytest.mark.parametrize("query", ["Alice@Example.com", "+49 151 23456789", "serial", "nobody@example.org"])
def test_lookup_sql_is_an_equality_never_like_or_count(bob_warm, alice_three_devices, query):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    query = alice_three_devices[0].serial if query == "serial" else query
    with CaptureQueriesContext(connection) as captured:
        customer_lookup(user=bob_warm, query=query)
    for sql in (entry["sql"].upper() for entry in captured.captured_queries):
        assert " LIKE " not in sql and "COUNT(" not in sql and "UPPER(" not in sql, sql


def test_email_stored_in_mixed_case_is_found_typed_in_any_case(bob, alice):
    alice.email = "Alice.Martinez@Example.COM"
    alice.save()
    assert customer_lookup(user=bob, query="alice.martinez@example.com").customers == [alice]
    assert customer_lookup(user=bob, query="ALICE.MARTINEZ@EXAMPLE.COM").customers == [alice]


def test_email_lookup_uses_the_lower_case_index(bob, alice):
    from django.db import connection

    if connection.vendor == "postgresql":  # a tiny test table is read whole unless told to use an index
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
    plan = (
        customer_list_visible_to(user=bob).annotate(email_lower=Lower("email")).filter(email_lower="a@example.com")
    ).explain()
    assert "devices_lookup_email_lower" in plan, plan


def test_partner_agent_finds_a_device_sold_through_them_by_serial(paul_partner, charlie, charlie_megafon_iphone):
    result = customer_lookup(user=paul_partner, query=charlie_megafon_iphone.serial)
    assert result.customers == [charlie]
    assert [device.serial for device in _devices_of(result.customers[0])] == [charlie_megafon_iphone.serial]


def test_partner_agent_finds_nothing_by_serial_of_a_device_sold_by_us(paul_partner, alice_iphone):
    result = customer_lookup(user=paul_partner, query=alice_iphone.serial)
    assert result.customers == [] and result.devices_unowned == []


def test_partner_agent_sees_only_their_devices_of_a_customer_found_by_email(
    paul_partner, charlie, charlie_megafon_iphone, charlie_iphone
):
    result = customer_lookup(user=paul_partner, query=charlie.email)
    assert [device.serial for device in _devices_of(result.customers[0])] == [charlie_megafon_iphone.serial]


def test_a_customer_looking_up_gets_nothing(alice, alice_iphone):
    assert customer_lookup(user=alice, query=alice_iphone.serial).customers == []
