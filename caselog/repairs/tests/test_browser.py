"""A repair runs from a case to return in a real browser, once per service mode: the agent
escalates from the console, the customer books and accepts the quote online, the technician
works the order through every state."""

from __future__ import annotations

import os
from typing import Any

import pytest

from caselog.core.tests.browser import chromium, signed_in_context
from caselog.repairs.models import RepairOrder, StockLevel
from caselog.repairs.tests.factories import ServiceSlotFactory

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _step(page: Any, action: str) -> None:
    page.click(f"button[data-action='{action}']")
    page.wait_for_load_state()


def _run(live_server: Any, bob: Any, tess: Any, alice: Any, case: Any, mode: str) -> RepairOrder:
    base = live_server.url
    with chromium() as browser:
        agent = signed_in_context(browser, base, bob).new_page()
        agent.goto(base + case.get_absolute_url())
        agent.click("#panel-repairs summary")
        agent.select_option("#repair-mode", mode)
        agent.fill("#repair-fault", "Dropped it: the screen is cracked")
        agent.click("#escalate-repair")
        agent.wait_for_load_state()
        order = RepairOrder.objects.get(case=case)
        assert order.mode == mode and order.fault == "Dropped it: the screen is cracked"
        assert order.number in agent.inner_text("#panel-repairs")

        customer = signed_in_context(browser, base, alice).new_page()
        technician = signed_in_context(browser, base, tess).new_page()
        order_url = f"{base}/repairs/orders/{order.number}/"
        mine_url = f"{base}/repairs/mine/{order.number}/"
        if mode != "courier":
            customer.goto(mine_url)
            if mode == "on_site":
                customer.fill("#id_address", "Arbat 5, apt 12, Moscow")
            customer.click("#book-slot")
            customer.wait_for_load_state()
            assert customer.locator("#booking").is_visible()
        technician.goto(order_url)
        if mode == "courier":
            technician.select_option("#id_direction", "pickup")
            technician.fill("#id_carrier", "CDEK")
            technician.fill("#id_tracking_number", "CD123456")
            technician.fill("#id_address", "Arbat 5, Moscow")
            technician.click("#book-courier")
            technician.wait_for_load_state()
            technician.click("form[data-leg='pickup'] button")
            technician.wait_for_load_state()
        _step(technician, "start_diagnosis")
        technician.fill("#id_diagnosis", "Display cracked, digitizer dead")
        technician.click("#save-diagnosis")
        technician.wait_for_load_state()
        technician.select_option("#id_part", label="Display")
        technician.click("#add-part")
        technician.wait_for_load_state()
        _step(technician, "send_quote")

        customer.goto(mine_url)
        assert "160" in customer.inner_text("#quote")
        customer.click("#accept-quote")
        customer.wait_for_load_state()

        technician.goto(order_url)
        _step(technician, "reserve_parts")
        if mode == "on_site":
            _step(technician, "start_repair")
            assert technician.locator(".errorlist").first.is_visible()  # not without the customer present
            technician.check("#id_customer_present")
        _step(technician, "start_repair")
        _step(technician, "finish_repair")
        _step(technician, "pass_check")
        if mode == "courier":
            technician.select_option("#id_direction", "return")
            technician.fill("#id_carrier", "CDEK")
            technician.fill("#id_tracking_number", "CD123457")
            technician.fill("#id_address", "Arbat 5, Moscow")
            technician.click("#book-courier")
            technician.wait_for_load_state()
            technician.click("form[data-leg='return'] button")
            technician.wait_for_load_state()
        _step(technician, "return")
        assert "device-history" in technician.content()

        customer.goto(mine_url)
        assert customer.locator("#timeline li").count() == 8
    order.refresh_from_db()
    return order


@pytest.fixture
def repair_setup(moscow: Any, display_stock: Any, alice_phone: Any, screen_repair: Any, tess: Any) -> None:
    ServiceSlotFactory(location=moscow, kind="in_store")
    ServiceSlotFactory(location=moscow, kind="on_site")


@pytest.mark.parametrize("mode", ["in_store", "on_site", "courier"])
def test_repair_runs_from_case_to_return(
    live_server: Any,
    bob: Any,
    tess: Any,
    alice: Any,
    alice_case: Any,
    repair_setup: None,
    display_stock: Any,
    mode: str,
) -> None:
    order = _run(live_server, bob, tess, alice, alice_case, mode)
    assert order.state == RepairOrder.State.RETURNED
    assert order.quote_amount == 160
    assert order.warranty_until is not None
    assert StockLevel.objects.get(pk=display_stock.pk).on_hand == 2
    if mode == "on_site":
        assert order.customer_present_confirmed and order.booking.technician == tess
    if mode == "courier":
        assert [leg.state for leg in order.courier_legs.order_by("direction")] == ["delivered", "delivered"]
