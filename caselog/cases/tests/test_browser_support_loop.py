"""The first support loop end to end in a real browser: a guest writes in Russian, the
Russian-language agent sees it in their queue and replies, the guest reads the reply."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from caselog.cases.models import Case
from caselog.core.tests.browser import chromium, signed_in_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_guest_request_reaches_russian_agent_who_replies_and_guest_reads_reply(
    live_server, wont_charge, ru_queue, de_queue, bob, dora
):
    with chromium() as browser:
        guest = browser.new_context(locale="ru-RU")
        page = guest.new_page()
        page.goto(f"{live_server.url}/support/")
        # htmx wires swapped-in selects up when it settles: with no settle delay, a choice made
        # the moment the next select appears is not lost.
        assert page.evaluate("htmx.config.defaultSettleDelay") == 0
        page.select_option("#id_product_group", str(wont_charge.topic.product_group_id))
        page.wait_for_selector("#id_topic")
        page.select_option("#id_topic", str(wont_charge.topic_id))
        page.wait_for_selector("#id_request_type")
        page.select_option("#id_request_type", str(wont_charge.pk))
        page.wait_for_selector("#id_description")
        page.fill("#id_subject", "Телефон не заряжается")
        page.fill("#id_description", "После падения iPhone не заряжается ни от одного кабеля.")
        page.fill("#id_contact_email", "gost@example.org")
        page.click("button[name=send]")
        page.wait_for_selector("#confirmation")
        number = page.inner_text(".case-number")
        assert re.fullmatch(r"C-\d+", number)
        case = Case.objects.get(number=number)
        assert case.queue == ru_queue

        agent = signed_in_context(browser, live_server.url, bob, locale="ru-RU").new_page()
        agent.goto(f"{live_server.url}/console/")
        agent.click(f"text={number}")
        agent.fill("#reply-form textarea", "Здравствуйте! Попробуйте, пожалуйста, другой адаптер питания.")
        agent.click("#reply-form button[type=submit]")
        agent.wait_for_selector("#conversation >> text=другой адаптер")

        other = signed_in_context(browser, live_server.url, dora).new_page()
        other.goto(f"{live_server.url}/console/")
        assert number not in other.content()

        link = next(line for message in mail.outbox for line in message.body.splitlines() if "/follow/" in line)
        page.goto(live_server.url + link[link.index("/follow/") :])
        assert "другой адаптер" in page.inner_text("#conversation")
        assert page.inner_text("#case-status")
