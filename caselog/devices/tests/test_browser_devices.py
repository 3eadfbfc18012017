"""The device side of the console in a real browser: the agent finds a caller by a phone number
typed the way people say it, opens the device and sees its history; a visitor checks coverage.
With CASELOG_SCREENSHOTS=1 it also saves screenshots of the main pages to /tmp."""

from __future__ import annotations

import os

import pytest

from caselog.core.tests.browser import chromium, signed_in_context
from caselog.demo.devices import demo_devices_seed

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = os.environ.get("CASELOG_SCREENSHOTS") == "1"


def test_agent_finds_caller_by_phone_and_opens_the_device_history(live_server, bob):
    demo_devices_seed()
    with chromium() as browser:
        page = signed_in_context(browser, live_server.url, bob, locale="en-US").new_page()
        page.goto(f"{live_server.url}/console/lookup/")
        page.keyboard.type("8 (916) 123-45-67")  # the search box has focus; results come as you type
        page.wait_for_selector("#lookup-results >> text=anna@example.com")
        assert "q=8" in page.url
        page.click("#lookup-results >> text=iPhone 15")
        page.wait_for_selector("h1 >> text=F2LXK9Q0HG7M")
        assert "Sold in our online store" in page.inner_text(".timeline")
        assert "Charging port" in page.content()
        if SCREENSHOTS:
            page.set_viewport_size({"width": 1280, "height": 900})
            page.screenshot(path="/tmp/devices-device-en.png", full_page=True)


def test_visitor_checks_coverage_by_serial(live_server, db):
    demo_devices_seed()
    with chromium() as browser:
        page = browser.new_context(locale="en-US").new_page()
        page.goto(f"{live_server.url}/coverage/")
        page.fill("#id_serial", "l7vq x2mr 9t4d")
        page.keyboard.press("Enter")
        page.wait_for_selector("text=Valid purchase date")
        assert "helen" not in page.content().lower()
        page.fill("#id_serial", "L7VQX2MR9T4O")
        page.keyboard.press("Enter")
        page.wait_for_selector("text=did you mean the digits 0 or 1")


@pytest.mark.skipif(not SCREENSHOTS, reason="screenshots only on request")
def test_screenshots_of_the_main_pages(live_server, bob, maria):
    from caselog.accounts.models import User

    demo_devices_seed()
    anna = User.objects.get(email="anna@example.com")
    pages = {
        "coverage": "/coverage/?serial=F2LXK9Q0HG7M",
        "lookup": "/console/lookup/?q=anna%40example.com",
        "customer": f"/console/customers/{anna.pk}/",
        "device": "/console/devices/GH7MF2LXK9Q3/",
        "mydevices": "/my/devices/",
        "accessibility": "/my/accessibility/",
        "tokens": "/console/api-tokens/",
    }
    shots = [(lang, width, name) for lang in ("en",) for width in (1280, 390) for name in pages]
    shots += [(lang, 1280, name) for lang in ("de", "ru") for name in ("coverage", "customer", "device")]
    shots += [("ru", 390, "device"), ("de", 390, "coverage")]
    with chromium() as browser:
        for lang, width, name in shots:
            for user in (bob, anna, maria):
                user.locale = lang
                user.save(update_fields=["locale"])
            who = anna if name in ("mydevices", "accessibility") else maria if name == "tokens" else bob
            context = signed_in_context(
                browser, live_server.url, who, locale=lang, viewport={"width": width, "height": 900}
            )
            page = context.new_page()
            page.set_default_timeout(120_000)
            page.goto(live_server.url + pages[name])
            page.screenshot(path=f"/tmp/devices-{name}-{lang}-{width}.png", full_page=True)
            context.close()
