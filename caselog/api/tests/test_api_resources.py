"""Customers, messages and repair orders over the API: the same selectors and services as the
console, so a token sees and does exactly what its owner may."""

from __future__ import annotations

from typing import Any

import pytest

from caselog.api.tests.conftest import token_for
from caselog.cases.services import case_add_note, case_reply
from caselog.repairs.models import RepairOrder
from caselog.repairs.services import repair_order_create

pytestmark = pytest.mark.django_db


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


# --- customers --------------------------------------------------------------------------------


def test_agent_finds_a_customer_by_email_with_devices_and_open_cases(client, bob, alice_case, alice_phone):
    token = token_for(bob, "customers:read")
    found = client.get("/api/v1/customers", {"q": "ALICE@example.com"}, **bearer(token)).json()
    assert found["kind"] == "email"
    [customer] = found["items"]
    assert customer["email"] == "alice@example.com"
    assert [device["serial"] for device in customer["devices"]] == [alice_phone.serial]
    detail = client.get(f"/api/v1/customers/{customer['id']}", **bearer(token)).json()
    assert [case["number"] for case in detail["open_cases"]] == [alice_case.number]


def test_customer_search_by_serial_and_bad_input(client, bob, alice_phone):
    token = token_for(bob, "customers:read")
    found = client.get("/api/v1/customers", {"q": alice_phone.serial.lower()}, **bearer(token)).json()
    assert found["kind"] == "serial" and found["items"][0]["email"] == "alice@example.com"
    bad = client.get("/api/v1/customers", {"q": "12"}, **bearer(token))
    assert bad.status_code == 422 and "q" in bad.json()["error"]["fields"]
    assert client.get("/api/v1/customers", **bearer(token)).status_code == 422


def test_customers_need_the_scope_and_a_console_owner(client, bob, alice, charlie):
    assert client.get("/api/v1/customers", {"q": "a@b.c"}, **bearer(token_for(bob, "cases:read"))).status_code == 403
    customer_token = token_for(charlie, "customers:read")
    assert client.get(f"/api/v1/customers/{alice.pk}", **bearer(customer_token)).status_code == 404
    assert client.get("/api/v1/customers", {"q": "alice@example.com"}, **bearer(customer_token)).json()["items"] == []


# --- messages ---------------------------------------------------------------------------------


def test_messages_page_with_a_stable_cursor_and_include_notes(client, bob, alice_case):
    for number in range(5):
        case_add_note(case=alice_case, author=bob, body=f"note {number}")
    case_reply(case=alice_case, author=bob, body="reply")
    token = token_for(bob, "cases:read")
    bodies, cursor = [], ""
    while True:
        page = client.get(
            f"/api/v1/cases/{alice_case.number}/messages", {"limit": 2, "cursor": cursor}, **bearer(token)
        ).json()
        bodies += [message["body"] for message in page["items"]]
        if not page["next_cursor"]:
            break
        cursor = page["next_cursor"]
    assert bodies[-6:] == ["note 0", "note 1", "note 2", "note 3", "note 4", "reply"]
    forged = client.get(f"/api/v1/cases/{alice_case.number}/messages", {"cursor": "12"}, **bearer(token))
    assert forged.status_code == 400 and forged.json()["error"]["code"] == "bad_cursor"


def test_messages_of_another_departments_case_are_404(client, dora, alice_case):
    token = token_for(dora, "cases:read")
    assert client.get(f"/api/v1/cases/{alice_case.number}/messages", **bearer(token)).status_code == 404


# --- repair orders ----------------------------------------------------------------------------


@pytest.fixture
def order(tess: Any, moscow: Any, alice_phone: Any, screen_repair: Any) -> RepairOrder:
    return repair_order_create(
        actor=tess, device=alice_phone, location=moscow, repair_type=screen_repair, mode="in_store", fault="Cracked"
    )


def test_technician_reads_and_moves_a_repair_order(client, tess, order):
    read, write = token_for(tess, "repairs:read"), token_for(tess, "repairs:write")
    listed = client.get("/api/v1/repairs", {"state": "intake"}, **bearer(read)).json()
    assert [item["number"] for item in listed["items"]] == [order.number]
    assert "start_diagnosis" in listed["items"][0]["actions"]
    moved = client.post(
        f"/api/v1/repairs/{order.number}/transitions",
        {"action": "start_diagnosis", "note": "On the bench"},
        content_type="application/json",
        **bearer(write),
    )
    assert moved.status_code == 200
    body = moved.json()
    assert body["state"] == "diagnosis" and body["events"][-1]["note"] == "On the bench"
    assert client.get(f"/api/v1/repairs/{order.number}", **bearer(read)).json()["state"] == "diagnosis"


def test_a_refused_step_is_a_422_with_the_reason(client, tess, order):
    response = client.post(
        f"/api/v1/repairs/{order.number}/transitions",
        {"action": "return"},
        content_type="application/json",
        **bearer(token_for(tess, "repairs:write")),
    )
    assert response.status_code == 422 and "cannot do" in response.json()["error"]["message"]
    order.refresh_from_db()
    assert order.state == "intake"


def test_another_locations_technician_gets_404_and_read_scope_cannot_write(client, tess, tom, order):
    other = token_for(tom, "repairs:read", "repairs:write")
    assert client.get(f"/api/v1/repairs/{order.number}", **bearer(other)).status_code == 404
    assert client.get("/api/v1/repairs", **bearer(other)).json()["items"] == []
    moved = client.post(
        f"/api/v1/repairs/{order.number}/transitions",
        {"action": "start_diagnosis"},
        content_type="application/json",
        **bearer(other),
    )
    assert moved.status_code == 404
    read_only = client.post(
        f"/api/v1/repairs/{order.number}/transitions",
        {"action": "start_diagnosis"},
        content_type="application/json",
        **bearer(token_for(tess, "repairs:read")),
    )
    assert read_only.status_code == 403


def test_repair_status_change_reaches_a_webhook(
    client, settings, tess, order, maria, django_capture_on_commit_callbacks
):
    from caselog.api.models import WebhookDelivery
    from caselog.api.services import webhook_subscription_create

    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True  # nobody listens there: only the delivery row matters

    webhook_subscription_create(actor=maria, url="http://127.0.0.1:9/nobody-listens", events=["repair.status_changed"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/api/v1/repairs/{order.number}/transitions",
            {"action": "start_diagnosis"},
            content_type="application/json",
            **bearer(token_for(tess, "repairs:write")),
        )
    delivery = WebhookDelivery.objects.get()
    assert delivery.event == "repair.status_changed"
    assert delivery.payload["data"]["previous_state"] == "intake" and delivery.payload["data"]["state"] == "diagnosis"


def test_lists_take_a_fixed_number_of_queries(
    client, tess, moscow, alice_phone, screen_repair, bob, alice_case, django_assert_max_num_queries
):
    for _number in range(15):
        repair_order_create(
            actor=tess, device=alice_phone, location=moscow, repair_type=screen_repair, mode="in_store", fault="x"
        )
        case_add_note(case=alice_case, author=bob, body="note")
    repairs, messages = token_for(tess, "repairs:read"), token_for(bob, "cases:read", "customers:read")
    with django_assert_max_num_queries(8):
        assert len(client.get("/api/v1/repairs", **bearer(repairs)).json()["items"]) == 15
    with django_assert_max_num_queries(8):
        client.get(f"/api/v1/cases/{alice_case.number}/messages", **bearer(messages))
    with django_assert_max_num_queries(10):
        client.get(f"/api/v1/customers/{alice_case.customer_id}", **bearer(messages))
