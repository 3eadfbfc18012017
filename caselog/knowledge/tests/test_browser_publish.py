"""End to end in a real Chromium: a KB editor writes a Russian article with the live preview, sends it
to review and publishes it; a Russian-speaking customer finds it through the help center, answers
"No" to "Did this solve your problem?" and is offered support for that product and topic."""

from __future__ import annotations

import pytest

from caselog.core.tests.browser import chromium, signed_in_context
from caselog.knowledge.models import ArticleTranslation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_publishes_an_article_and_a_customer_finds_it_in_russian(live_server, erik, alice, battery_topic):
    with chromium() as browser:
        editor = signed_in_context(browser, live_server.url, erik).new_page()
        editor.goto(f"{live_server.url}/help/editor/new/")
        editor.select_option("#id_product_group", str(battery_topic.product_group_id))
        editor.select_option("#id_topic", str(battery_topic.pk))
        editor.select_option("#id_source_locale", "ru")
        editor.fill("#id_title", "iPhone заряжается только от одного кабеля")
        editor.type("#id_body", "## Проверьте разъём\n\n1. Осмотрите **разъём** и очистите его.\n")
        editor.wait_for_selector("#preview strong:text('разъём')")  # the live preview rendered the Markdown
        editor.click("form.card button[type=submit]")
        editor.wait_for_selector("#translation-ru")
        editor.click("#translation-ru form:has(input[value=in_review]) button")
        editor.click("#translation-ru form:has(input[value=published]) button")
        editor.wait_for_selector("#translation-ru .kb-status-published")
        assert ArticleTranslation.objects.get(locale="ru").status == ArticleTranslation.Status.PUBLISHED

        customer = signed_in_context(browser, live_server.url, alice, locale="ru-RU").new_page()
        customer.goto(f"{live_server.url}/help/")
        customer.click("text=iPhone")
        customer.click("text=Аккумулятор и зарядка")
        customer.click("text=iPhone заряжается только от одного кабеля")
        assert customer.inner_text("h1") == "iPhone заряжается только от одного кабеля"
        assert customer.locator(".kb-body strong").inner_text() == "разъём"
        assert customer.locator(".kb-fallback").count() == 0
        customer.click("#feedback button[value=no]")
        support = customer.wait_for_selector("#feedback a.button")
        assert support.get_attribute("href") == "/support/?product_group=iphone&topic=battery"
