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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_manager_sees_a_coverage_chart_per_language_in_german_on_a_phone(live_server, maria, de_department, dora):
    from caselog.workforce.models import Schedule, Shift
    from caselog.workforce.tests.factories import ScheduleFactory, next_monday

    monday = next_monday()
    requirement = {
        language: {
            (monday + timedelta(days=d)).isoformat(): [1 if 9 <= h < 17 and d < 5 else 0 for h in range(24)]
            for d in range(7)
        }
        for language in ("de", "en")
    }
    schedule = ScheduleFactory(department=de_department, starts_on=monday, requirement=requirement)
    Shift.objects.create(schedule=schedule, agent=dora, day=monday, kind="day", language="de")
    assert schedule.status == Schedule.Status.DRAFT
    with chromium() as browser:
        context = signed_in_context(
            browser, live_server.url, maria, locale="de-DE", viewport={"width": 390, "height": 900}
        )
        context.add_cookies([{"name": "django_language", "value": "de", "url": live_server.url}])
        page = context.new_page()
        page.goto(live_server.url + schedule.get_absolute_url())
        assert page.locator("#coverage-title").inner_text() == "Abdeckung gegenüber Bedarf"
        page.wait_for_function("() => window.Chart && document.querySelectorAll('canvas[data-chart]').length === 2")
        drawn = page.evaluate(
            "() => [...document.querySelectorAll('canvas[data-chart]')].map(c => !!window.Chart.getChart(c))"
        )
        assert drawn == [True, True]
        assert page.locator("#coverage-title ~ h3").all_inner_texts() == ["Deutsch", "Englisch"]
        # The roster scrolls inside its box; the page itself does not scroll sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
