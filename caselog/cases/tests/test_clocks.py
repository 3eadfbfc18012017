"""The SLA clocks of real cases, through the cases services customers and agents use."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

from caselog.cases import services
from caselog.cases.clocks import sla_recompute
from caselog.cases.models import Case
from caselog.sla import services as sla_services
from caselog.sla.models import Priority
from caselog.sla.tests.conftest import _fast_password_hashing, berlin, frozen_at  # noqa: F401 (autouse here too)
from caselog.sla.tests.factories import CalendarFactory, OpeningHoursFactory


def _submit(customer: Any, request_type: Any, *, locale: str = "de") -> Case:
    return services.case_submit(
        submitter=customer,
        locale=locale,
        request_type=request_type,
        subject="Unbekannte Abbuchung",
        description="Zwei Käufe, die ich nicht gemacht habe.",
        contact_email=customer.email,
        order_number="MK7QX2LP9R",
    ).case


def test_case_sent_on_friday_evening_is_due_after_the_weekend_in_business_hours(
    de_store, alice, unauthorized_purchases
):
    with frozen_at(berlin(2026, 11, 27, 20, 0)):  # Friday, one business hour left
        case = _submit(alice, unauthorized_purchases)
    case.refresh_from_db()
    # Friday 1 h + Monday 12 h + Tuesday 11 h = 24 business hours.
    assert case.first_response_due == berlin(2026, 12, 1, 20, 0)
    assert case.sla_breach_at == case.first_response_due


def test_public_holiday_is_not_counted(de_store, alice, unauthorized_purchases):
    with frozen_at(berlin(2026, 12, 24, 10, 0)):  # Thursday; Friday 25th is Christmas Day
        case = _submit(alice, unauthorized_purchases)
    case.refresh_from_db()
    assert case.first_response_due == berlin(2026, 12, 29, 10, 0)


def test_request_type_without_policy_keeps_its_promise_in_calendar_time(de_queue, alice, wont_charge):
    with frozen_at(berlin(2026, 11, 27, 20, 0)):
        case = _submit(alice, wont_charge)
    case.refresh_from_db()
    assert case.first_response_due == berlin(2026, 11, 29, 20, 0)  # 48 hours, weekend included


def test_urgent_priority_uses_its_own_target(de_store, alice, unauthorized_purchases):
    with frozen_at(berlin(2026, 11, 27, 20, 0)):
        case = _submit(alice, unauthorized_purchases)
    case.priority = Priority.URGENT
    from caselog.cases.clocks import sla_compute

    sla_compute(case)
    assert case.first_response_due == berlin(2026, 11, 30, 12, 0)  # Friday 1 h + Monday 3 h


def test_agent_reply_keeps_the_first_response_due_and_records_the_answer(de_store, alice, dora, unauthorized_purchases):
    """Regression: a peer's update time overwrote the first-response time."""
    with frozen_at(berlin(2026, 11, 30, 10, 0)):
        case = _submit(alice, unauthorized_purchases)
    case.refresh_from_db()
    due = case.first_response_due
    with frozen_at(berlin(2026, 11, 30, 11, 0)):
        services.case_reply(case=case, author=dora, body="Wir prüfen das.")
    case.refresh_from_db()
    assert case.first_response_due == due
    assert case.first_responded_at == berlin(2026, 11, 30, 11, 0)
    assert case.first_responded_at <= case.first_response_due


def test_waiting_on_the_customer_pauses_resolution_and_their_answer_resumes_it(
    de_store, alice, dora, unauthorized_purchases
):
    with frozen_at(berlin(2026, 11, 30, 9, 0)):  # Monday opening
        case = _submit(alice, unauthorized_purchases)
    case.refresh_from_db()
    assert case.resolution_due == berlin(2026, 12, 4, 21, 0)  # 60 h = Mon-Fri, 12 h a day
    with frozen_at(berlin(2026, 11, 30, 11, 0)):
        services.case_reply(case=case, author=dora, body="Bitte senden Sie die Quittung.")
    case.refresh_from_db()
    assert case.status == Case.Status.WAITING
    assert case.resolution_due is None and case.sla_breach_at is None
    with frozen_at(berlin(2026, 12, 1, 11, 0)):  # 12 business hours later
        services.case_customer_reply(case=case, author=alice, body="Hier ist sie.")
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN
    assert case.resolution_due == berlin(2026, 12, 7, 9, 0) + timedelta(hours=12)
    # and the customer's answer starts the next-response clock: 12 business hours
    assert case.next_response_due == berlin(2026, 12, 2, 11, 0)
    assert case.sla_breach_at == case.next_response_due


def test_agent_reply_stops_the_next_response_clock(de_store, alice, dora, unauthorized_purchases):
    with frozen_at(berlin(2026, 11, 30, 9, 0)):
        case = _submit(alice, unauthorized_purchases)
    with frozen_at(berlin(2026, 11, 30, 10, 0)):
        services.case_reply(case=case, author=dora, body="Erste Antwort")
    with frozen_at(berlin(2026, 11, 30, 12, 0)):
        services.case_customer_reply(case=case, author=alice, body="Noch eine Frage")
    with frozen_at(berlin(2026, 11, 30, 13, 0)):
        services.case_reply(case=case, author=dora, body="Zweite Antwort")
    case.refresh_from_db()
    assert case.next_response_due is None and case.next_response_started_at is None


def test_solving_stops_the_clocks_and_reopening_resumes_them(de_store, alice, dora, unauthorized_purchases):
    with frozen_at(berlin(2026, 11, 30, 9, 0)):
        case = _submit(alice, unauthorized_purchases)
    with frozen_at(berlin(2026, 11, 30, 10, 0)):
        services.case_change_status(case=case, actor=dora, status=Case.Status.SOLVED)
    case.refresh_from_db()
    assert case.resolved_at == berlin(2026, 11, 30, 10, 0)
    assert case.sla_breach_at is None
    with frozen_at(berlin(2026, 12, 1, 10, 0)):
        services.case_customer_reply(case=case, author=alice, body="Doch nicht gelöst")
    case.refresh_from_db()
    assert case.resolved_at is None
    assert case.resolution_due == berlin(2026, 12, 7, 21, 0)  # the 12 solved business hours do not count


def test_calendar_without_weekend_days_defined_still_computes(
    db, de_queue, alice, unauthorized_purchases, store_policy
):
    """Regression: a peer's schedules were wrong unless every weekday was defined."""
    calendar = CalendarFactory(time_zone="Europe/Berlin")
    OpeningHoursFactory(calendar=calendar, weekday=2, opens=time(10), closes=time(14))  # Wednesdays only
    de_queue.calendar = calendar
    de_queue.save()
    unauthorized_purchases.sla_policy = store_policy
    unauthorized_purchases.save()
    with frozen_at(berlin(2026, 11, 27, 20, 0)):
        case = _submit(alice, unauthorized_purchases)
    case.refresh_from_db()
    # 24 h of Wednesdays at 4 h each: six Wednesdays, the last one ends at 14:00.
    assert case.first_response_due == berlin(2027, 1, 6, 14, 0)


def test_changing_the_calendar_recomputes_the_open_cases(
    de_store, alice, maria, unauthorized_purchases, berlin_calendar, django_capture_on_commit_callbacks
):
    """Regression: a peer's escalation times were not recomputed after a calendar change."""
    with frozen_at(berlin(2026, 11, 27, 20, 0)):
        case = _submit(alice, unauthorized_purchases)
    with frozen_at(berlin(2026, 11, 27, 20, 30)), django_capture_on_commit_callbacks(execute=True):
        sla_services.calendar_set_hours(
            actor=maria, calendar=berlin_calendar, hours=[(day, time(9), time(21)) for day in range(6)]
        )  # Saturdays open too
    case.refresh_from_db()
    assert case.first_response_due == berlin(2026, 11, 30, 20, 0)  # Fri 1 h + Sat 12 h + Mon 11 h


def test_changing_a_policy_target_recomputes_the_open_cases(
    de_store, alice, maria, unauthorized_purchases, store_policy, django_capture_on_commit_callbacks
):
    with frozen_at(berlin(2026, 11, 30, 9, 0)):
        case = _submit(alice, unauthorized_purchases)
    with frozen_at(berlin(2026, 11, 30, 9, 30)), django_capture_on_commit_callbacks(execute=True):
        sla_services.policy_target_set(
            actor=maria,
            policy=store_policy,
            priority=Priority.NORMAL,
            metric="first_response",
            target=timedelta(hours=2),
            business_time=True,
        )
    case.refresh_from_db()
    assert case.first_response_due == berlin(2026, 11, 30, 11, 0)


def test_recompute_changes_only_open_cases(de_store, alice, dora, unauthorized_purchases, berlin_calendar):
    with frozen_at(berlin(2026, 11, 30, 9, 0)):
        case = _submit(alice, unauthorized_purchases)
        services.case_change_status(case=case, actor=dora, status=Case.Status.CLOSED)
    case.refresh_from_db()
    before = case.first_response_due
    berlin_calendar.hours.all().delete()
    assert sla_recompute(Case.objects.all()) == 0
    case.refresh_from_db()
    assert case.first_response_due == before


def test_clock_tasks_queued_under_their_old_sla_paths_still_run():
    """Rows the worker queued before the clocks moved here name caselog.sla.tasks.<name>."""
    from django.utils.module_loading import import_string

    from caselog.cases import tasks

    for name in ("sla_escalate_round", "send_escalation_email", "recompute_for_calendar", "recompute_for_policy"):
        assert import_string(f"caselog.sla.tasks.{name}") is getattr(tasks, name)
