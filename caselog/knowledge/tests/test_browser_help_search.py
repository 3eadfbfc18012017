"""The help center's search box suggests articles while the customer types (the one
suggest path), and the keyboard alone opens one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from caselog.cases.tests.test_suggestions import _published
from caselog.core.tests.browser import chromium
from caselog.knowledge.tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_customer_types_into_help_search_and_opens_a_suggestion_with_the_keyboard(live_server, battery_topic):
    article = ArticleFactory(topic=battery_topic, source_locale="de")
    translation = _published(article, "de", "iPhone lädt nicht", "Prüfen Sie das Kabel und den Netzadapter.")
    with chromium() as browser:
        page = browser.new_context(locale="de-DE").new_page()
        page.goto(live_server.url + reverse("knowledge:index"))
        search = page.locator("#kb-q")
        search.type("lädt nich", delay=30)
        # The answer to the whole typed text marks the matched words.
        page.wait_for_selector("#kb-suggestions .suggestion__link mark", timeout=20_000)
        assert "iPhone lädt nicht" in page.inner_text("#kb-suggestions")
        search.press("ArrowDown")
        search.press("Enter")
        page.wait_for_url(f"**{translation.get_absolute_url()}", timeout=20_000)
