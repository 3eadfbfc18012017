"""The managers' SLA pages, and the support hours the contact page shows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from caselog.sla.models import Closure, SLATarget
from caselog.sla.tests.conftest import berlin, frozen_at
from conftest import client_for

ICS = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Caselog test//EN
BEGIN:VEVENT
UID:company-day-2026@example.com
SUMMARY:Company day
DTSTART;VALUE=DATE:20261211
DTEND;VALUE=DATE:20261212
END:VEVENT
BEGIN:VEVENT
UID:move-2026@example.com
SUMMARY:Office move
DTSTART;TZID=Europe/Berlin:20261214T120000
DTEND;TZID=Europe/Berlin:20261214T180000
END:VEVENT
END:VCALENDAR
"""


def _pages(calendar, policy):
    return [
        reverse("cases:sla_report"),
        reverse("sla:calendar_list"),
        reverse("sla:calendar_detail", args=[calendar.pk]),
        reverse("sla:policy_list"),
    ]


@pytest.mark.parametrize("who", ["dora", "charlie"])
def test_people_who_do_not_manage_slas_get_404_on_every_sla_page(request, who, berlin_calendar, store_policy):
    client = client_for(request.getfixturevalue(who))
    for url in _pages(berlin_calendar, store_policy):
        assert client.get(url).status_code == 404, url
    post = client.post(reverse("sla:calendar_hours", args=[berlin_calendar.pk]), {"day_0": "08:00-20:00"})
    assert post.status_code == 404
    assert berlin_calendar.hours.filter(weekday=0).get().opens.hour == 9


def test_anonymous_visitor_is_sent_to_sign_in(client, berlin_calendar):
    response = client.get(reverse("sla:calendar_detail", args=[berlin_calendar.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_manager_sees_the_calendar_with_its_hours_and_holidays(maria, berlin_calendar):
    response = client_for(maria).get(reverse("sla:calendar_detail", args=[berlin_calendar.pk]))
    assert response.status_code == 200
    assert 'value="09:00-21:00"' in response.content.decode()


def test_invalid_hours_are_shown_next_to_the_day_and_keep_what_was_typed(maria, berlin_calendar):
    response = client_for(maria).post(
        reverse("sla:calendar_hours", args=[berlin_calendar.pk]), {"day_0": "nine to five", "day_1": "08:00-16:00"}
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert 'value="nine to five"' in content and 'value="08:00-16:00"' in content
    assert "09:00-13:00, 14:00-18:00" in content
    assert berlin_calendar.hours.filter(weekday=0).get().opens.hour == 9  # nothing saved


def test_ical_import_adds_closures_once_however_often_it_is_imported(maria, berlin_calendar):
    client = client_for(maria)
    url = reverse("sla:ical_import", args=[berlin_calendar.pk])
    for _attempt in range(2):
        response = client.post(url, {"file": SimpleUploadedFile("closures.ics", ICS, content_type="text/calendar")})
        assert response.status_code == 302
    closures = list(Closure.objects.filter(calendar=berlin_calendar).order_by("starts_at"))
    assert [(c.name, c.starts_at, c.ends_at) for c in closures] == [
        ("Company day", berlin(2026, 12, 11), berlin(2026, 12, 12)),
        ("Office move", berlin(2026, 12, 14, 12), berlin(2026, 12, 14, 18)),
    ]


def test_imported_closure_stops_the_clock(maria, berlin_calendar):
    from caselog.sla.calendars import calendar_clock_fresh

    client_for(maria).post(
        reverse("sla:ical_import", args=[berlin_calendar.pk]),
        {"file": SimpleUploadedFile("closures.ics", ICS, content_type="text/calendar")},
    )
    berlin_calendar.refresh_from_db()
    clock = calendar_clock_fresh(berlin_calendar)
    # Thursday 20:00 + 2 h: Thursday 1 h, Friday (company day) closed, Monday 1 h.
    assert clock.add(berlin(2026, 12, 10, 20, 0), timedelta(hours=2)) == berlin(2026, 12, 14, 10, 0)
    assert clock.between(berlin(2026, 12, 14, 9), berlin(2026, 12, 14, 21)) == timedelta(hours=6)


def test_a_file_that_is_not_ical_is_refused_next_to_the_field(maria, berlin_calendar):
    response = client_for(maria).post(
        reverse("sla:ical_import", args=[berlin_calendar.pk]),
        {"file": SimpleUploadedFile("notes.ics", b"hello, not a calendar", content_type="text/calendar")},
    )
    assert response.status_code == 422
    assert "iCal" in response.content.decode()
    assert not Closure.objects.exists()


def test_closure_that_ends_before_it_starts_is_refused_and_keeps_the_input(maria, berlin_calendar):
    response = client_for(maria).post(
        reverse("sla:closure_add", args=[berlin_calendar.pk]),
        {"name": "Umzug", "starts_at": "2026-12-14T12:00", "ends_at": "2026-12-14T08:00"},
    )
    assert response.status_code == 422
    assert 'value="Umzug"' in response.content.decode()
    assert not Closure.objects.exists()


def test_manager_adds_a_closure_in_the_calendars_local_time(maria, berlin_calendar):
    response = client_for(maria).post(
        reverse("sla:closure_add", args=[berlin_calendar.pk]),
        {"name": "Umzug", "starts_at": "2026-12-14T12:00", "ends_at": "2026-12-14T18:00"},
    )
    assert response.status_code == 302
    closure = Closure.objects.get()
    assert (closure.starts_at, closure.ends_at) == (berlin(2026, 12, 14, 12), berlin(2026, 12, 14, 18))


def test_manager_opens_a_saturday_with_a_one_off_exception(maria, berlin_calendar):
    from caselog.sla.calendars import calendar_clock_fresh

    response = client_for(maria).post(
        reverse("sla:exception_add", args=[berlin_calendar.pk]),
        {"day": "2026-12-05", "opens": "10:00", "closes": "14:00", "name": "Launch"},
    )
    assert response.status_code == 302
    berlin_calendar.refresh_from_db()
    clock = calendar_clock_fresh(berlin_calendar)
    assert clock.between(berlin(2026, 12, 5), berlin(2026, 12, 6)) == timedelta(hours=4)


def test_exception_with_only_an_opening_time_is_refused(maria, berlin_calendar):
    response = client_for(maria).post(
        reverse("sla:exception_add", args=[berlin_calendar.pk]), {"day": "2026-12-05", "opens": "10:00"}
    )
    assert response.status_code == 422


def test_manager_sets_a_policy_target(maria, store_policy):
    response = client_for(maria).post(
        reverse("sla:policy_target", args=[store_policy.pk]),
        {"priority": "high", "metric": "resolution", "hours": "16", "business_time": "on"},
    )
    assert response.status_code == 302
    target = SLATarget.objects.get(policy=store_policy, priority="high", metric="resolution")
    assert target.target == timedelta(hours=16) and target.business_time


def test_policy_target_of_zero_hours_is_refused(maria, store_policy):
    response = client_for(maria).post(
        reverse("sla:policy_target", args=[store_policy.pk]),
        {"priority": "high", "metric": "resolution", "hours": "0"},
    )
    assert response.status_code == 422
    assert not SLATarget.objects.filter(priority="high").exists()


# --- where customers see the support hours ---------------------------------------------


def test_contact_page_says_support_is_closed_and_when_it_opens(client, de_store):
    with frozen_at(berlin(2026, 11, 28, 12, 0)):  # Saturday
        response = client.get(reverse("cases:contact"), HTTP_ACCEPT_LANGUAGE="de")
    hours = response.content.decode().split('id="support-hours"')[1].split("</p>")[0]
    assert "Mo 09:00" in hours or "Mon 09:00" in hours
    assert "Europe/Berlin" in hours


def test_contact_page_says_support_is_open_during_business_hours(client, de_store):
    with frozen_at(berlin(2026, 11, 30, 12, 0)):  # Monday noon
        response = client.get(reverse("cases:contact"), HTTP_ACCEPT_LANGUAGE="de")
    assert "status-open" in response.content.decode().split('id="support-hours"')[1].split("</p>")[0]
