"""The webhooks console page in a real Chromium: subscribe, see the secret once, at phone width."""

from __future__ import annotations

import os

import pytest

from caselog.api.models import WebhookSubscription
from caselog.core.tests.browser import chromium, signed_in_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR", "")


@pytest.mark.parametrize("width", [390, 1280])
def test_manager_subscribes_an_endpoint_and_copies_the_secret(live_server, maria, width):
    with chromium() as browser:
        context = signed_in_context(browser, live_server.url, maria, viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(f"{live_server.url}/console/webhooks/")
        page.get_by_label("Endpoint URL").fill("https://hooks.example.com/caselog")
        page.get_by_label("Case created").check()
        page.get_by_label("Case solved").check()
        page.get_by_role("button", name="Subscribe").click()
        secret = page.get_by_label("Signing secret").input_value()
        assert secret.startswith("whsec_")
        # Nothing runs off the side of a phone screen.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        if SCREENSHOTS:
            page.screenshot(path=f"{SCREENSHOTS}/webhooks-{width}.png", full_page=True)
        page.get_by_role("link", name="https://hooks.example.com/caselog").click()
        assert page.get_by_role("heading", name="Delivery log").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        if SCREENSHOTS:
            page.screenshot(path=f"{SCREENSHOTS}/webhook-detail-{width}.png", full_page=True)
        context.close()
    subscription = WebhookSubscription.objects.get()
    assert subscription.events == ["case.created", "case.solved"] and subscription.secret == secret
