"""The contact page's support lines in a real browser at phone width: each line with its number
and whether it is open now. With CASELOG_SCREENSHOTS=1 it saves /tmp/sla-support-lines-*.png."""

from __future__ import annotations

import os
from datetime import time

import pytest

from caselog.core.tests.browser import chromium
from caselog.sla.models import SupportLine
from caselog.sla.tests.factories import CalendarFactory, OpeningHoursFactory

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = os.environ.get("CASELOG_SCREENSHOTS") == "1"


def _line(name: dict[str, str], kind: str, phone: str, zone: str, country: str, language: str, days: int) -> None:
    calendar = CalendarFactory(name=name["en"], time_zone=zone, holiday_country=country)
    for weekday in range(days):
        OpeningHoursFactory(calendar=calendar, weekday=weekday, opens=time(0), closes=time(0))  # all day
    SupportLine.objects.create(names=name, kind=kind, phone=phone, calendar=calendar, language=language)


@pytest.mark.parametrize("locale", ["de-DE", "ru-RU"])
def test_contact_page_lists_the_lines_at_phone_width(live_server, locale):
    _line(
        {"en": "Store line Germany", "de": "Store-Hotline Deutschland", "ru": "Линия магазина, Германия"},
        "store", "+49 30 9018 2000", "Europe/Berlin", "DE", "de", 7,
    )  # fmt: skip
    _line(
        {"en": "Support line Russia", "ru": "Линия поддержки, Россия"},
        "support", "+7 495 123-45-67", "Europe/Moscow", "RU", "ru", 7,
    )  # fmt: skip
    _line(
        {"en": "Accessibility line", "de": "Barrierefreie Hotline", "ru": "Линия доступности"},
        "accessibility", "+353 1 234 5678", "Europe/Dublin", "", "", 0,
    )  # fmt: skip
    with chromium() as browser:
        page = browser.new_context(locale=locale, viewport={"width": 390, "height": 844}).new_page()
        page.goto(f"{live_server.url}/support/")
        lines = page.locator("#support-lines li")
        assert lines.count() == 2
        first = lines.nth(0).inner_text()
        assert ("Store-Hotline" in first) if locale == "de-DE" else ("Линия поддержки" in first)
        assert ("Jetzt geöffnet" in first) if locale == "de-DE" else ("Сейчас открыто" in first)
        assert "00:00" not in first  # open round the clock: no closing time
        closed = lines.nth(1).inner_text()
        assert ("Jetzt geschlossen" in closed) if locale == "de-DE" else ("Сейчас закрыто" in closed)
        assert "+353 1 234 5678" in closed
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
        if SCREENSHOTS:
            page.screenshot(path=f"/tmp/sla-support-lines-{locale}.png", full_page=True)
