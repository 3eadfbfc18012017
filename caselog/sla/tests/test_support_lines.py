"""Support lines per region: open now in the line's local time, closed on its region's public
holidays, right across a DST change, listed per language, the accessibility line for
customers with communication needs."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from caselog.audit.models import AuditEvent
from caselog.devices.models import AccessibilityProfile
from caselog.sla.lines import support_lines_status
from caselog.sla.models import SupportLine
from caselog.sla.tests.conftest import berlin, frozen_at
from caselog.sla.tests.factories import CalendarFactory, OpeningHoursFactory
from conftest import client_for

pytestmark = pytest.mark.django_db


def _working_days(calendar: Any, opens: int, closes: int) -> Any:
    for weekday in range(5):
        OpeningHoursFactory(calendar=calendar, weekday=weekday, opens=time(opens), closes=time(closes))
    return calendar


@pytest.fixture
def store_line(db: None) -> SupportLine:
    calendar = _working_days(
        CalendarFactory(name="Store DE", time_zone="Europe/Berlin", holiday_country="DE", holiday_subdivision="BE"),
        9,
        21,
    )
    return SupportLine.objects.create(
        names={"en": "Store line Germany", "de": "Store-Hotline Deutschland"},
        kind=SupportLine.Kind.STORE,
        phone="+49 30 9018 2000",
        calendar=calendar,
        language="de",
        position=1,
    )


@pytest.fixture
def moscow_line(db: None) -> SupportLine:
    calendar = _working_days(CalendarFactory(name="Support RU", time_zone="Europe/Moscow", holiday_country="RU"), 9, 21)
    return SupportLine.objects.create(
        names={"en": "Support line Russia", "ru": "Линия поддержки, Россия"},
        phone="+7 495 123-45-67",
        calendar=calendar,
        language="ru",
        position=2,
    )


@pytest.fixture
def accessibility_line(db: None) -> SupportLine:
    calendar = CalendarFactory(name="Accessibility", time_zone="Europe/Dublin", holiday_country="IE")
    for weekday in range(7):
        OpeningHoursFactory(calendar=calendar, weekday=weekday, opens=time(8), closes=time(22))
    return SupportLine.objects.create(
        names={"en": "Accessibility line", "de": "Barrierefreie Hotline", "ru": "Линия доступности"},
        kind=SupportLine.Kind.ACCESSIBILITY,
        phone="+353 1 234 5678",
        calendar=calendar,
        language="",
        position=9,
    )


def _status(line: SupportLine, moment: datetime, locale: str = "de") -> Any:
    return next(status for status in support_lines_status(locale=locale, now=moment) if status.line == line)


def test_store_line_is_open_on_a_working_day_until_nine_pm_local_time(store_line):
    status = _status(store_line, berlin(2026, 11, 25, 12, 0))  # Wednesday noon in Berlin
    assert status.open_now
    assert status.closes_at is not None and status.closes_at.strftime("%H:%M") == "21:00"
    assert str(status.closes_at.tzinfo) == "Europe/Berlin"


def test_store_line_is_closed_after_hours_and_says_when_it_opens(store_line):
    status = _status(store_line, berlin(2026, 11, 25, 21, 0))  # the closing minute
    assert not status.open_now
    assert status.opens_at == berlin(2026, 11, 26, 9, 0)


def test_store_line_is_closed_on_a_public_holiday_and_names_it(store_line):
    status = _status(store_line, berlin(2026, 12, 25, 12, 0))  # Christmas Day, a Friday
    assert not status.open_now
    assert "Weihnachtstag" in status.holiday  # named in the visitor's language
    assert status.opens_at == berlin(2026, 12, 28, 9, 0)  # Monday: the 26th is a Saturday


def test_regional_holiday_closes_only_the_region_that_has_it(store_line):
    # 8 March (International Women's Day) is a public holiday in Berlin, not in the rest of Germany.
    womens_day = berlin(2027, 3, 8, 12, 0)  # a Monday
    assert not _status(store_line, womens_day).open_now
    store_line.calendar.holiday_subdivision = "BY"
    store_line.calendar.save()
    assert _status(SupportLine.objects.get(pk=store_line.pk), womens_day).open_now


@pytest.mark.parametrize(
    ("utc_moment", "open_now"),
    [
        # Friday before the spring change (CET, UTC+1): 07:30 UTC is 08:30 local, closed;
        # 19:30 UTC is 20:30 local, open.
        (datetime(2026, 3, 27, 7, 30, tzinfo=UTC), False),
        (datetime(2026, 3, 27, 19, 30, tzinfo=UTC), True),
        # Monday after it (CEST, UTC+2): the same UTC times are 09:30 open and 21:30 closed.
        (datetime(2026, 3, 30, 7, 30, tzinfo=UTC), True),
        (datetime(2026, 3, 30, 19, 30, tzinfo=UTC), False),
    ],
)
def test_opening_hours_follow_local_time_across_the_dst_change(store_line, utc_moment, open_now):
    assert _status(store_line, utc_moment).open_now is open_now


def test_opening_after_the_dst_change_is_nine_local_eight_utc(store_line):
    status = _status(store_line, datetime(2026, 3, 28, 12, 0, tzinfo=UTC))  # Saturday, closed
    assert status.opens_at is not None
    assert status.opens_at.astimezone(UTC) == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    assert status.opens_at.strftime("%H:%M") == "09:00"


def test_each_region_answers_in_its_own_local_time(store_line, moscow_line):
    moment = datetime(2026, 11, 25, 18, 30, tzinfo=UTC)  # 19:30 in Berlin, 21:30 in Moscow
    assert _status(store_line, moment, locale="de").open_now
    assert not _status(moscow_line, moment, locale="ru").open_now


def test_lines_are_listed_for_their_language_and_every_language(store_line, moscow_line, accessibility_line):
    assert [status.line for status in support_lines_status(locale="de")] == [store_line, accessibility_line]
    assert [status.line for status in support_lines_status(locale="ru")] == [moscow_line, accessibility_line]
    assert [status.line for status in support_lines_status(locale="en")] == [accessibility_line]


def test_accessibility_line_comes_first_and_highlighted_for_customers_with_needs(store_line, accessibility_line):
    statuses = support_lines_status(locale="de", accessibility_first=True)
    assert [status.line for status in statuses] == [accessibility_line, store_line]
    assert statuses[0].highlighted and not statuses[1].highlighted


def test_support_line_number_must_be_international(store_line):
    store_line.phone = "030 9018 2000"
    with pytest.raises(ValidationError) as error:
        store_line.full_clean()
    assert "phone" in error.value.message_dict


def test_contact_page_lists_lines_with_open_now_and_their_numbers(client, store_line, accessibility_line):
    with frozen_at(berlin(2026, 11, 25, 20, 30)):  # Wednesday 20:30 Berlin, 19:30 Dublin
        response = client.get(reverse("cases:contact"), HTTP_ACCEPT_LANGUAGE="de")
    section = response.content.decode().split('id="support-lines"')[1].split("</section>")[0]
    store, accessibility = section.split('<li class="support-line')[1:3]
    assert "Store-Hotline Deutschland" in store and "+49 30 90182000" in store
    assert "status-open" in store and "21:00" in store and "Europe/Berlin" in store
    assert "Barrierefreie Hotline" in accessibility and "tel:+35312345678" in accessibility


def test_contact_page_shows_a_closed_line_with_the_holiday_and_next_opening(client, store_line):
    with frozen_at(berlin(2026, 12, 25, 12, 0)):
        response = client.get(reverse("cases:contact"), HTTP_ACCEPT_LANGUAGE="de")
    section = response.content.decode().split('id="support-lines"')[1].split("</section>")[0]
    assert "status-open" not in section
    assert "Weihnachtstag" in section  # the holiday's German name
    assert "28" in section or "Mo 09:00" in section


def test_contact_page_puts_the_accessibility_line_first_for_a_customer_with_needs(
    alice, store_line, accessibility_line
):
    AccessibilityProfile.objects.create(user=alice, needs=["hearing"], contact_modes=["tty"])
    alice.locale = "de"
    alice.save()
    response = client_for(alice).get(reverse("cases:contact"), HTTP_ACCEPT_LANGUAGE="de")
    section = response.content.decode().split('id="support-lines"')[1]
    first = section.split('<li class="support-line')[1]
    assert "support-line-highlighted" in first and "+353 1 234 5678" in first


def test_changing_a_line_in_the_admin_is_audited(store_line):
    from caselog.accounts.tests.factories import UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True)
    admin_client = client_for(admin)
    url = reverse("admin:sla_supportline_change", args=[store_line.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    data = {
        "names": '{"en": "Store line Germany"}',
        "kind": "store",
        "phone": "+49 30 9018 2001",
        "calendar": store_line.calendar_id,
        "language": "de",
        "position": 1,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    store_line.refresh_from_db()
    assert store_line.phone == "+49 30 9018 2001"
    event = AuditEvent.objects.get(action="sla.support_line_changed", target_id=str(store_line.pk))
    assert event.after["phone"] == "+49 30 9018 2001" and event.actor == admin


def test_contact_page_queries_do_not_grow_with_the_number_of_lines(client, store_line, accessibility_line):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("cases:contact")
    client.get(url, HTTP_ACCEPT_LANGUAGE="de")  # compiles and caches the calendars' clocks
    with CaptureQueriesContext(connection) as two_lines:
        client.get(url, HTTP_ACCEPT_LANGUAGE="de")
    for number in range(3):
        SupportLine.objects.create(
            names={"en": f"Extra line {number}"}, phone="+49 30 9018 2000", calendar=store_line.calendar, position=5
        )
    with CaptureQueriesContext(connection) as five_lines:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="de")
    assert response.content.decode().count('<li class="support-line') == 5
    assert len(five_lines.captured_queries) == len(two_lines.captured_queries)
