from __future__ import annotations

import os
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from caselog.core.tests.browser import chromium, signed_in_context
from caselog.workforce.tests.factories import HourlyVolumeFactory

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_manager_sees_volume_charts_drawn_and_the_heat_map_in_russian_on_a_phone(live_server, maria, ru_department):
    week_ago = timezone.now().replace(minute=0, second=0, microsecond=0) - timedelta(days=7)
    for offset in range(48):
        HourlyVolumeFactory(
            department=ru_department, hour_start=week_ago + timedelta(hours=offset), contacts=offset + 1
        )
    with chromium() as browser:
        context = signed_in_context(
            browser, live_server.url, maria, locale="ru-RU", viewport={"width": 390, "height": 900}
        )
        context.add_cookies([{"name": "django_language", "value": "ru", "url": live_server.url}])
        page = context.new_page()
        page.goto(live_server.url + reverse("workforce:volume"))
        assert page.locator("h1").inner_text() == "Объём обращений"
        page.wait_for_function("() => window.Chart && document.querySelectorAll('canvas[data-chart]').length === 2")
        drawn = page.evaluate(
            "() => [...document.querySelectorAll('canvas[data-chart]')].map(c => !!window.Chart.getChart(c))"
        )
        assert drawn == [True, True]
        assert page.locator("table.heat td").count() == 7 * 24
        # Keyboard users reach the filters and the download links.
        page.keyboard.press("Tab")
        assert page.locator("table.heat").is_visible()
