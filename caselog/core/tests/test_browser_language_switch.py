"""Switching the language keeps the reader where they were: the contact form keeps what was
typed, and a help article comes back in the new language (found trying it: the typed text
was lost, and the article stayed in the old language because its address named it)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from caselog.cases.tests.test_suggestions import _published
from caselog.core.tests.browser import chromium
from caselog.knowledge.tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_contact_form_keeps_what_was_typed_across_a_language_switch(live_server, wont_charge, width):
    with chromium() as browser:
        page = browser.new_context(locale="en-GB", viewport={"width": width, "height": 900}).new_page()
        page.goto(live_server.url + reverse("cases:contact"))
        page.select_option("#id_product_group", str(wont_charge.topic.product_group_id))
        page.wait_for_selector("#id_topic")
        page.select_option("#id_topic", str(wont_charge.topic_id))
        page.wait_for_selector("#id_request_type")
        page.select_option("#id_request_type", str(wont_charge.pk))
        page.wait_for_selector("#id_description")
        page.locator("input[name=subject]").fill("My phone will not charge")
        page.locator("textarea[name=description]").fill("Since yesterday the cable does nothing.")
        page.locator("input[name=contact_email]").fill("guest@example.com")
        page.select_option("#lang-select", "de")
        page.wait_for_selector("html[lang=de]", timeout=20_000)
        # The choices come back one by one (each shows the next), then what was typed.
        page.wait_for_function(
            "document.querySelector('#id_description') && document.querySelector('#id_description').value",
            timeout=20_000,
        )
        assert page.locator("#id_request_type").input_value() == str(wont_charge.pk)
        assert page.locator("input[name=subject]").input_value() == "My phone will not charge"
        assert page.locator("textarea[name=description]").input_value() == "Since yesterday the cable does nothing."
        assert page.locator("input[name=contact_email]").input_value() == "guest@example.com"
        assert "Support erhalten" in page.inner_text("h1")


def test_a_help_article_comes_back_in_the_new_language(live_server, battery_topic):
    article = ArticleFactory(topic=battery_topic, source_locale="en")
    english = _published(article, "en", "iPhone won't charge", "Check the cable and the adapter.")
    _published(article, "de", "iPhone lädt nicht", "Prüfen Sie das Kabel und den Netzadapter.")
    with chromium() as browser:
        page = browser.new_context(locale="en-GB").new_page()
        page.goto(live_server.url + english.get_absolute_url())
        assert "iPhone won't charge" in page.inner_text("h1")
        page.select_option("#lang-select", "de")
        page.wait_for_selector("html[lang=de]", timeout=20_000)
        assert "iPhone lädt nicht" in page.inner_text("h1")
