"""The SLA clocks where people see them: the managers' attainment report, a calendar change
on the managers' page moving the open cases' due times, the console's queue and panel, the
customer's promised time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from caselog.cases.models import Case
from caselog.cases.tests.factories import CaseFactory
from caselog.sla.tests.conftest import _fast_password_hashing, berlin, frozen_at  # noqa: F401 (autouse here too)
from conftest import client_for


def test_manager_sets_split_hours_and_open_cases_get_new_due_times(
    maria, de_store, alice, unauthorized_purchases, berlin_calendar, django_capture_on_commit_callbacks
):
    with frozen_at(berlin(2026, 11, 30, 9, 0)):
        case = CaseFactory(customer=alice, queue=de_store, request_type=unauthorized_purchases, locale="de")
    with frozen_at(berlin(2026, 11, 30, 9, 5)), django_capture_on_commit_callbacks(execute=True):
        response = client_for(maria).post(
            reverse("sla:calendar_hours", args=[berlin_calendar.pk]),
            {f"day_{d}": "09:00-12:00, 13:00-16:00" for d in range(5)},
        )
    assert response.status_code == 302
    assert berlin_calendar.hours.count() == 10
    case.refresh_from_db()
    # 24 business hours at 6 a day, from Monday 9:00: Thursday 16:00.
    assert case.first_response_due == berlin(2026, 12, 3, 16, 0)


def test_report_shows_attainment_per_department_with_a_chart(maria, de_store, alice, unauthorized_purchases):
    now = timezone.now()
    CaseFactory(
        queue=de_store,
        request_type=unauthorized_purchases,
        first_response_due=now - timedelta(hours=1),
        first_responded_at=now - timedelta(hours=2),
    )
    CaseFactory(queue=de_store, request_type=unauthorized_purchases, first_response_due=now - timedelta(hours=1))
    response = client_for(maria).get(reverse("cases:sla_report"), {"weeks": "4", "dimension": "department"})
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(r.label, r.cases, r.first_met, r.first_missed, r.first_rate) for r in rows] == [
        (de_store.department.name, 2, 1, 1, 50.0)
    ]
    assert 'id="sla-weekly-chart"' in response.content.decode()


@pytest.mark.parametrize("dimension", ["department", "language", "request_type", "week"])
def test_report_groups_by_each_dimension_in_a_fixed_number_of_queries(
    maria, de_store, unauthorized_purchases, dimension, django_assert_max_num_queries
):
    for _index in range(5):
        CaseFactory(customer=maria, queue=de_store, request_type=unauthorized_purchases, locale="de")
    client = client_for(maria)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("cases:sla_report"), {"dimension": dimension})
    assert response.status_code == 200
    assert sum(row.cases for row in response.context["rows"]) == 5


def test_report_with_nonsense_filters_falls_back_to_defaults(maria):
    response = client_for(maria).get(reverse("cases:sla_report"), {"weeks": "-3", "dimension": "nope"})
    assert response.status_code == 200
    assert "No cases were created" in response.content.decode()


# --- where agents and customers see SLA times -----------------------------------------


def test_console_queue_lists_what_breaches_first_on_top(
    dora, alice, de_store, unauthorized_purchases, django_assert_max_num_queries
):
    now = timezone.now()

    def case_due(delta: timedelta | None, **kwargs):
        due = now + (delta if delta is not None else timedelta(days=1))
        return CaseFactory(
            customer=alice,
            queue=de_store,
            request_type=unauthorized_purchases,
            first_response_due=due,
            sla_breach_at=due if delta is not None else None,
            **kwargs,
        )

    later = case_due(timedelta(hours=5))
    sooner = case_due(timedelta(hours=1))
    waiting = case_due(None, status=Case.Status.WAITING, sla_pauses=[[now.isoformat(), None]])
    overdue = case_due(-timedelta(hours=1))
    for _index in range(10):
        case_due(timedelta(days=3))
    client = client_for(dora)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("console:queue"))
    numbers = [case.number for case in response.context["page"].object_list]
    assert numbers[:3] == [overdue.number, sooner.number, later.number]
    assert numbers[-1] == waiting.number
    assert "overdue" in response.content.decode()


def test_console_case_shows_the_service_level_panel_in_the_agents_time_zone(
    dora, de_store, alice, unauthorized_purchases
):
    with frozen_at(berlin(2026, 11, 30, 9, 0)):
        case = CaseFactory(customer=alice, queue=de_store, request_type=unauthorized_purchases, locale="de")
    from caselog.cases.clocks import sla_compute

    sla_compute(case)
    case.save()
    de_store.department.calendar.refresh_from_db()
    response = client_for(dora).get(reverse("console:case", args=[case.number]))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="panel-sla"' in content
    assert "Europe/Berlin" in content
    assert "01.12.2026 21:00" in content or "12/01/2026 9 p.m." in content or "Dec. 1, 2026" in content


def test_customer_sees_the_promised_time_in_the_teams_time_zone(alice, de_store, unauthorized_purchases):
    with frozen_at(berlin(2026, 11, 30, 9, 0)):
        case = CaseFactory(customer=alice, queue=de_store, request_type=unauthorized_purchases, locale="de")
    case.first_response_due = berlin(2026, 12, 1, 21, 0)
    case.save()
    response = client_for(alice).get(reverse("cases:my_case", args=[case.number]))
    assert response.status_code == 200
    promised = response.content.decode().split('id="promised-time"')[1].split("</p>")[0]
    assert "21:00" in promised and "Europe/Berlin" in promised
