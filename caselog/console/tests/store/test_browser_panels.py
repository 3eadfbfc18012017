"""An agent works an unauthorized-purchase report beside the case: the reported purchase is
marked, the hold and the refund happen in place (HTMX), and the customer sees the result."""

from __future__ import annotations

import os

import pytest

from caselog.core.tests.browser import chromium, signed_in_context
from caselog.store.models import DisputedPurchase, PurchaseHold, Refund

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_agent_holds_the_account_and_refunds_the_reported_purchase_which_the_customer_then_sees(
    live_server, bob, alice, alice_purchases, alice_dispute_case
):
    gems = alice_purchases["gems"]
    DisputedPurchase.objects.create(case=alice_dispute_case, purchase=gems, reported_at=alice_dispute_case.created_at)
    with chromium() as browser:
        agent = signed_in_context(browser, live_server.url, bob, locale="en-US").new_page()
        agent.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
        agent.on("dialog", lambda dialog: dialog.accept())
        agent.goto(f"{live_server.url}{alice_dispute_case.get_absolute_url()}")
        panel = agent.locator("#panel-store")
        assert gems.order_number in panel.locator("li.reported").inner_text()

        agent.fill("#id_hold-reason", "Gems bought from an unknown Android phone")
        agent.click("#hold")
        panel.locator("text=Downloads and purchases disabled").wait_for()
        assert PurchaseHold.objects.filter(customer=alice, lifted_at__isnull=True).exists()

        panel.locator(f"button[aria-label='Refund {gems.order_number}']").click()
        panel.locator("text=On its way to your bank").wait_for()
        assert Refund.objects.get(purchase=gems).state == Refund.State.PROCESSING
        assert agent.url.endswith(alice_dispute_case.get_absolute_url())

        customer = signed_in_context(browser, live_server.url, alice, locale="ru-RU").new_page()
        customer.goto(f"{live_server.url}/store/purchases/")
        body = customer.inner_text("main")
        assert "Загрузки и покупки для вашей учётной записи временно отключены." in body
        assert "Возврат в пути в ваш банк" in body
