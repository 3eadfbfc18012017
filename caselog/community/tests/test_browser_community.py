"""A customer starts a thread and is shown a similar thread while typing; another customer
answers; the first marks that answer as the accepted solution; a company representative then
turns the thread into a support case."""

from __future__ import annotations

import os
from typing import Any

import pytest

from caselog.community.models import Thread
from caselog.community.services import thread_create
from caselog.core.tests.browser import chromium, signed_in_context

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_customer_asks_sees_a_similar_thread_gets_an_answer_accepts_it_and_a_rep_escalates(
    live_server: Any, anna: Any, lukas: Any, rep_bob: Any, en_iphone_section: Any, wont_charge: Any, en_queue: Any
) -> None:
    thread_create(author=lukas, section=en_iphone_section, title="iPhone battery drains overnight", body="Help")
    with chromium() as browser:
        asker = signed_in_context(browser, live_server.url, anna).new_page()
        asker.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
        asker.goto(f"{live_server.url}/community/s/{en_iphone_section.slug}/new/")
        asker.get_by_label("Your question in one line").press_sequentially("battery drains", delay=20)
        suggestion = asker.locator(".similar-threads a").first
        suggestion.wait_for(timeout=15000)
        assert "battery" in suggestion.inner_text().lower()
        asker.get_by_label("Your question in one line").fill("Battery drains while the phone is in standby")
        asker.get_by_label("Details").fill("It loses **40%** by the morning.")
        asker.get_by_role("button", name="Post question").click()
        asker.wait_for_url("**/community/t/*/")
        thread = Thread.objects.get(author=anna)

        helper = signed_in_context(browser, live_server.url, lukas).new_page()
        helper.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
        helper.goto(f"{live_server.url}{thread.get_absolute_url()}")
        helper.get_by_label("Your answer").fill("Turn off Background App Refresh.")
        helper.get_by_role("button", name="Post answer").click()
        helper.locator(".reply").first.wait_for()

        asker.reload()
        asker.get_by_role("button", name="Accept as solution").click()
        asker.locator(".accepted-badge").wait_for()
        assert "Background App Refresh" in asker.locator(".reply.accepted").inner_text()

        rep = signed_in_context(browser, live_server.url, rep_bob).new_page()
        rep.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
        rep.goto(f"{live_server.url}{thread.get_absolute_url()}")
        assert "Company representative" not in rep.locator(".thread").inner_text()
        rep.get_by_text("Staff tools").click()
        rep.get_by_label("Request type").select_option(label="My device won't charge")
        rep.get_by_role("button", name="Turn into a support case").click()
        rep.locator(".flash").wait_for()
        assert "opened for this thread" in rep.locator(".flash").inner_text()
    thread.refresh_from_db()
    assert thread.accepted_reply is not None and thread.accepted_reply.author == lukas
    assert thread.case is not None and thread.case.customer == anna


def test_enter_in_the_title_posts_the_question_not_the_first_suggestion(
    live_server: Any, anna: Any, lukas: Any, en_iphone_section: Any
) -> None:
    # Found trying it: Enter in the title pressed the first "This answers my question" button,
    # so the asker landed on another thread, the question was lost and a deflection counted.
    from caselog.search.models import SuggestionFeedback

    thread_create(author=lukas, section=en_iphone_section, title="iPhone battery drains overnight", body="Help")
    with chromium() as browser:
        asker = signed_in_context(browser, live_server.url, anna).new_page()
        asker.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
        asker.goto(f"{live_server.url}/community/s/{en_iphone_section.slug}/new/")
        title = asker.get_by_label("Your question in one line")
        title.press_sequentially("battery drains", delay=20)
        asker.locator(".similar-threads a").first.wait_for(timeout=15000)
        title.press("Enter")
        asker.locator(".field.has-error").first.wait_for(timeout=15000)
        assert "/new/" in asker.url
        assert title.input_value() == "battery drains"
    assert not SuggestionFeedback.objects.exists()
    assert Thread.objects.count() == 1
