"""The headline: the agent types the case title and the articles that solve it appear; the
keyboard alone picks one and puts its link into the reply."""

from __future__ import annotations

import pytest

from caselog.cases.tests.test_suggestions import _published
from caselog.core.tests.browser import chromium, signed_in_context
from caselog.knowledge.tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_agent_types_title_sees_articles_and_inserts_link_with_keyboard(live_server, bob, alice_case, battery_topic):
    article = ArticleFactory(topic=battery_topic, source_locale="ru")
    _published(article, "ru", "Если iPhone не заряжается", "Проверьте кабель и адаптер, очистите разъём.")
    with chromium() as browser:
        page = signed_in_context(browser, live_server.url, bob, locale="ru-RU").new_page()
        page.goto(live_server.url + alice_case.get_absolute_url())
        search = page.locator("#suggest-q")
        search.fill("")
        search.type("не заряж", delay=30)
        # The quick list comes first; the agent goes into it at once, and the refined answer
        # that replaces it a moment later keeps the chosen article focused.
        page.wait_for_selector("#case-suggestions .suggestion__link >> text=не заряжается", timeout=30_000)
        search.press("ArrowDown")
        page.wait_for_selector("#case-suggestions [data-suggestions]:not([hx-get]) .suggestion__link", timeout=30_000)
        assert "<mark>" in page.inner_html("#case-suggestions")
        assert page.evaluate(
            "document.activeElement.classList.contains('suggestion__link')"
            " && document.activeElement.getAttribute('aria-selected') === 'true'"
            " && !document.activeElement.closest('[data-suggestions]').hasAttribute('hx-get')"
        )
        page.keyboard.press("i")
        reply = page.input_value("#reply-form textarea")
        assert "Если iPhone не заряжается" in reply
        assert "/help/" in reply
