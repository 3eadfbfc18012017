"""Screen pop in a real Chromium: the agent's console is open, the phone system posts a ringing
event over HTTP with its token, and the caller's open case appears within a few seconds."""

from __future__ import annotations

import json
import os
import urllib.request
from typing import Any

import pytest

from caselog.api.tests.conftest import token_for
from caselog.core.tests.browser import chromium, signed_in_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR", "")


def _post_event(base_url: str, token: str, **payload: str) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{base_url}/api/v1/telephony/events",
        data=json.dumps(payload).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        return json.loads(response.read())  # type: ignore[no-any-return]


@pytest.mark.parametrize("width", [390, 1280])
def test_ringing_call_pops_up_in_the_agents_console(live_server, maria, bob, alice, alice_case, width):
    from caselog.devices.models import CustomerPhone

    CustomerPhone.objects.create(user=alice, e164="+4915112345678")
    token = token_for(maria, "telephony:events")
    with chromium() as browser:
        # bob works in Russian: his console speaks it.
        context = signed_in_context(browser, live_server.url, bob, viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(f"{live_server.url}/console/")
        assert page.locator(".screen-pop").count() == 0
        answer = _post_event(
            live_server.url,
            token,
            event="ringing",
            call_id="pbx-77",
            caller="+49 151 12345678",
            line="Support",
            agent_email=bob.email,
        )
        assert [case["number"] for case in answer["open_cases"]] == [alice_case.number]
        pop = page.locator(".screen-pop")
        pop.wait_for(timeout=8000)
        assert pop.get_by_role("heading", name="Входящий звонок").is_visible()
        assert pop.get_by_text(alice.email).is_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        if SCREENSHOTS:
            page.screenshot(path=f"{SCREENSHOTS}/screen-pop-{width}.png")
        pop.get_by_role("link", name=alice_case.number).click()
        page.wait_for_url(f"**/console/cases/{alice_case.number}/")
        # The pop follows the agent to the case page until the call ends there.
        page.locator(".screen-pop").wait_for(timeout=8000)
        _post_event(live_server.url, token, event="ended", call_id="pbx-77")
        page.locator(".screen-pop").wait_for(state="detached", timeout=8000)
        context.close()
