from __future__ import annotations

import csv
import io
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from caselog.audit.models import AuditEvent
from caselog.cases.models import CallLog, Case
from caselog.cases.tests.factories import CaseFactory
from caselog.workforce.models import HourlyVolume, Release, Schedule, Shift, StaffingPolicy, Wish
from caselog.workforce.selectors import department_zone
from caselog.workforce.tests.factories import (
    AgentDayFactory,
    HourlyVolumeFactory,
    ReleaseFactory,
    ScheduleFactory,
    ShiftFactory,
    WishFactory,
    next_monday,
)
from conftest import client_for

PLANNER_PAGES = [
    ("workforce:index", {}),
    ("workforce:volume", {}),
    ("workforce:releases", {}),
    ("workforce:forecast", {"department_id": "ru"}),
    ("workforce:schedules", {"department_id": "ru"}),
    ("workforce:dashboard", {"department_id": "ru"}),
    ("workforce:schedule", {"pk": "schedule"}),
]


def _url(name, kwargs, ru_department, schedule):
    values = {"ru": ru_department.pk, "schedule": schedule.pk}
    return reverse(name, kwargs={k: values[v] for k, v in kwargs.items()})


@pytest.mark.parametrize(("name", "kwargs"), PLANNER_PAGES)
def test_agent_without_planning_rights_gets_404_on_planner_pages(name, kwargs, bob, ru_department, ru_schedule):
    response = client_for(bob).get(_url(name, kwargs, ru_department, ru_schedule))
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "kwargs"), PLANNER_PAGES)
def test_customer_gets_404_on_planner_pages(name, kwargs, charlie, ru_department, ru_schedule):
    assert client_for(charlie).get(_url(name, kwargs, ru_department, ru_schedule)).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("workforce:volume"))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("name", ["workforce:shift_set", "workforce:schedule_publish"])
def test_agent_cannot_change_or_publish_a_schedule(name, bob, ru_schedule):
    assert client_for(bob).post(reverse(name, args=[ru_schedule.pk]), {}).status_code == 404
    assert not AuditEvent.objects.exists()


def test_agent_cannot_change_staffing_targets_or_the_release_calendar(bob, ru_department):
    client = client_for(bob)
    url = reverse("workforce:policy", args=[ru_department.pk])
    assert client.post(url, {"service_level": 90}).status_code == 404
    assert client.post(reverse("workforce:releases"), {"name": "X"}).status_code == 404
    release = ReleaseFactory()
    assert client.post(reverse("workforce:release_delete", args=[release.pk])).status_code == 404
    assert Release.objects.filter(pk=release.pk).exists()


def test_customer_gets_404_on_my_schedule(charlie):
    assert client_for(charlie).get(reverse("workforce:my_schedule")).status_code == 404


# --- Volume -----------------------------------------------------------------------------


def test_manager_sees_contacts_by_hour_and_weekday(maria, ru_department):
    # Monday 10:00 of last week on the department's wall clock (the heat map's hours), whatever
    # the time zone and the time of day the test runs at.
    zone = department_zone(ru_department)
    today = timezone.localdate(timezone=zone)
    monday = today - timedelta(days=today.weekday() + 7)
    monday_ten = datetime.combine(monday, time(10), tzinfo=zone)
    HourlyVolumeFactory(department=ru_department, language="ru", hour_start=monday_ten, contacts=37)
    response = client_for(maria).get(reverse("workforce:volume"))
    assert response.status_code == 200
    heat = response.context["report"].heatmap
    assert heat[0][10] == 37
    assert sum(map(sum, heat)) == 37


def test_volume_counts_live_cases_after_the_history_ends(maria, ru_department, ru_queue, wont_charge, alice):
    HourlyVolumeFactory(
        department=ru_department, language="ru", hour_start=timezone.now() - timedelta(days=2), contacts=5
    )
    CaseFactory(queue=ru_queue, request_type=wont_charge, customer=alice, locale="ru", channel=Case.Channel.WEB)
    response = client_for(maria).get(reverse("workforce:volume"))
    assert response.context["report"].totals["contacts"] == 6


def test_volume_headline_figures_come_from_call_data(maria, ru_department):
    at = timezone.now() - timedelta(days=3)
    HourlyVolumeFactory(
        department=ru_department,
        hour_start=at,
        contacts=100,
        answered=90,
        answered_in_target=72,
        abandoned=10,
        handle_seconds=90 * 300,
    )
    AgentDayFactory(department=ru_department, day=timezone.localdate(at), agents=9)
    report = client_for(maria).get(reverse("workforce:volume")).context["report"]
    assert report.average_handle_seconds == 300
    assert report.service_level == pytest.approx(0.72)
    assert report.abandonment == pytest.approx(0.10)
    assert report.calls_per_agent_day == pytest.approx(10)


def test_each_chart_table_downloads_as_csv(maria, ru_department):
    HourlyVolumeFactory(department=ru_department, hour_start=timezone.now() - timedelta(days=1), contacts=12)
    client = client_for(maria)
    for table, header in (("heatmap", "00:00"), ("weeks", "phone"), ("departments", "phone")):
        response = client.get(reverse("workforce:volume"), {"download": table})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert header in rows[0]
        assert sum(int(x) for row in rows[1:] for x in row[1:] if x.isdigit()) >= 12


def test_volume_period_backwards_is_refused_next_to_the_field(maria):
    response = client_for(maria).get(reverse("workforce:volume"), {"start": "2026-05-01", "end": "2026-04-01"})
    assert response.status_code == 422
    assert "start" in response.context["form"].errors


def test_volume_with_nonsense_input_is_a_422_not_a_500(maria):
    response = client_for(maria).get(reverse("workforce:volume"), {"start": "yesterday", "department": "x"})
    assert response.status_code == 422


def test_volume_page_query_count_does_not_grow_with_history(maria, ru_history, django_assert_max_num_queries):
    client = client_for(maria)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("workforce:volume"))
    assert response.status_code == 200


def test_empty_period_shows_an_empty_state(maria):
    response = client_for(maria).get(reverse("workforce:volume"))
    assert "No contacts in this period" in response.content.decode()


# --- Forecast and staffing --------------------------------------------------------------


def test_manager_sees_forecast_with_error_and_staffing(maria, ru_department, ru_history):
    response = client_for(maria).get(reverse("workforce:forecast", args=[ru_department.pk]), {"weeks": 1})
    assert response.status_code == 200
    plan = response.context["plan"]
    assert plan.backtest is not None and plan.backtest.daily_mape < 0.15
    assert plan.figures.patience_seconds == pytest.approx(90)
    assert max(i.agents_scheduled for i in plan.intervals) > 0
    assert 'id="volume-data"' in response.content.decode()
    assert "Not enough history to forecast" not in response.content.decode()


def test_staffing_csv_has_every_15_minute_interval(maria, ru_department, ru_history):
    url = reverse("workforce:forecast", args=[ru_department.pk])
    response = client_for(maria).get(url, {"weeks": "1", "download": "staffing"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    plan_hours = len(rows[1:]) / 4
    assert plan_hours >= 7 * 24
    first, second = rows[1][0], rows[2][0]
    assert first[:13] == second[:13] and first != second


def test_forecast_without_history_shows_zero_need(maria, ru_department):
    response = client_for(maria).get(reverse("workforce:forecast", args=[ru_department.pk]))
    assert response.status_code == 200
    assert response.context["plan"].backtest is None
    assert "Not enough history to forecast" in response.content.decode()


def test_forecast_rejects_weeks_out_of_range(maria, ru_department):
    response = client_for(maria).get(reverse("workforce:forecast", args=[ru_department.pk]), {"weeks": 99})
    assert response.status_code == 422


def test_manager_changes_staffing_targets_with_an_audit_record(maria, ru_department):
    url = reverse("workforce:policy", args=[ru_department.pk])
    data = {"service_level": 90, "answer_within_seconds": 30, "shrinkage": 35, "written_handle_seconds": 400}
    response = client_for(maria).post(url, data)
    assert response.status_code == 302
    policy = StaffingPolicy.objects.get(department=ru_department)
    assert policy.service_level == pytest.approx(0.9) and policy.shrinkage == pytest.approx(0.35)
    assert AuditEvent.objects.filter(action="workforce.policy_update", actor=maria).exists()


def test_invalid_staffing_targets_are_shown_next_to_the_field(maria, ru_department):
    url = reverse("workforce:policy", args=[ru_department.pk])
    response = client_for(maria).post(url, {"service_level": 150, "answer_within_seconds": 20, "shrinkage": 30})
    assert response.status_code == 422
    assert "service_level" in response.context["form"].errors
    assert 'value="150"' in response.content.decode()


def test_manager_adds_a_release_to_the_calendar(maria):
    response = client_for(maria).post(
        reverse("workforce:releases"), {"name": "OS 28", "released_at": "2026-09-15T17:00", "major": "on"}
    )
    assert response.status_code == 302
    assert Release.objects.get().name == "OS 28"
    assert AuditEvent.objects.filter(action="workforce.release_create").exists()


def test_release_calendar_and_schedule_list_are_paged(maria, ru_department):
    ReleaseFactory.create_batch(23)
    client = client_for(maria)
    first = client.get(reverse("workforce:releases"))
    assert len(first.context["releases"].object_list) == 20 and "?page=2" in first.content.decode()
    assert len(client.get(reverse("workforce:releases"), {"page": 2}).context["releases"].object_list) == 3
    assert client.get(reverse("workforce:releases"), {"page": "x"}).status_code == 200
    for weeks_back in range(22):
        ScheduleFactory(department=ru_department, starts_on=next_monday() - timedelta(weeks=weeks_back))
    url = reverse("workforce:schedules", args=[ru_department.pk])
    assert len(client.get(url).context["schedules"].object_list) == 20
    assert len(client.get(url, {"page": 2}).context["schedules"].object_list) == 2


def test_release_without_a_date_is_refused_and_keeps_the_name(maria):
    response = client_for(maria).post(reverse("workforce:releases"), {"name": "OS 28"})
    assert response.status_code == 422
    assert 'value="OS 28"' in response.content.decode()


# --- Schedules --------------------------------------------------------------------------


def test_manager_proposes_a_schedule_that_keeps_the_rules(maria, ru_department, ru_history, bob):
    response = client_for(maria).post(
        reverse("workforce:schedules", args=[ru_department.pk]), {"starts_on": next_monday().isoformat(), "weeks": 1}
    )
    schedule = Schedule.objects.get()
    assert response.status_code == 302 and response["Location"] == schedule.get_absolute_url()
    assert schedule.status == Schedule.Status.DRAFT
    assert Shift.objects.filter(schedule=schedule, agent=bob).exists()
    page = client_for(maria).get(schedule.get_absolute_url())
    assert page.context["view"].violations == []
    assert AuditEvent.objects.filter(action="workforce.schedule_propose").exists()


def test_a_schedule_must_start_on_a_monday(maria, ru_department):
    tuesday = next_monday() + timedelta(days=1)
    response = client_for(maria).post(
        reverse("workforce:schedules", args=[ru_department.pk]), {"starts_on": tuesday.isoformat(), "weeks": 1}
    )
    assert response.status_code == 422
    assert "starts_on" in response.context["form"].errors
    assert not Schedule.objects.exists()


def test_manager_moves_a_shift(maria, bob, ru_schedule):
    response = client_for(maria).post(
        reverse("workforce:shift_set", args=[ru_schedule.pk]),
        {"agent": bob.pk, "day": ru_schedule.starts_on.isoformat(), "kind": "late"},
    )
    assert response.status_code == 302
    assert Shift.objects.get(schedule=ru_schedule, agent=bob).kind == "late"
    assert AuditEvent.objects.filter(action="workforce.shift_set").exists()


def test_a_change_that_breaks_the_rest_rule_is_refused(maria, bob, ru_schedule):
    ShiftFactory(schedule=ru_schedule, agent=bob, day=ru_schedule.starts_on, kind="late")
    response = client_for(maria).post(
        reverse("workforce:shift_set", args=[ru_schedule.pk]),
        {"agent": bob.pk, "day": (ru_schedule.starts_on + timedelta(days=1)).isoformat(), "kind": "early"},
    )
    assert response.status_code == 422
    assert "rest" in str(response.context["shift_form"].errors)
    assert Shift.objects.filter(schedule=ru_schedule).count() == 1


def test_a_broken_rule_is_told_in_the_planners_language_with_the_agents_name_and_date(maria, bob, ru_schedule):
    maria.locale = "de"
    maria.save(update_fields=["locale"])
    ShiftFactory(schedule=ru_schedule, agent=bob, day=ru_schedule.starts_on, kind="late")
    response = client_for(maria).post(
        reverse("workforce:shift_set", args=[ru_schedule.pk]),
        {"agent": bob.pk, "day": (ru_schedule.starts_on + timedelta(days=1)).isoformat(), "kind": "early"},
    )
    assert response.status_code == 422
    errors = " ".join(response.context["shift_form"].errors["kind"])
    name = bob.get_full_name() or bob.email
    assert f"{name} hat nach dem {ru_schedule.starts_on:%d.%m.%Y} weniger als 11 Std. Ruhezeit." in errors
    assert "agent " not in errors


def test_publishing_a_schedule_that_breaks_a_rule_is_refused_in_words(maria, bob, ru_schedule):
    for offset in range(7):
        ShiftFactory(schedule=ru_schedule, agent=bob, day=ru_schedule.starts_on + timedelta(days=offset), kind="day")
    response = client_for(maria).post(reverse("workforce:schedule_publish", args=[ru_schedule.pk]), follow=True)
    ru_schedule.refresh_from_db()
    assert ru_schedule.status == Schedule.Status.DRAFT
    text = " ".join(str(m) for m in response.context["messages"])
    assert "days in a row" in text and (bob.get_full_name() or bob.email) in text
    assert any("days in a row" in v for v in response.context["view"].violations)
    assert not AuditEvent.objects.filter(action="workforce.schedule_publish").exists()


def test_shift_for_an_agent_of_another_department_is_refused(maria, dora, ru_schedule):
    response = client_for(maria).post(
        reverse("workforce:shift_set", args=[ru_schedule.pk]),
        {"agent": dora.pk, "day": ru_schedule.starts_on.isoformat(), "kind": "day"},
    )
    assert response.status_code == 422
    assert not Shift.objects.exists()


def test_published_schedule_shows_on_the_agents_page_with_wishes_granted(maria, bob, ru_schedule):
    WishFactory(agent=bob, kind=Wish.Kind.DAY_OFF, shift="", day=ru_schedule.starts_on + timedelta(days=1))
    ShiftFactory(schedule=ru_schedule, agent=bob, day=ru_schedule.starts_on, kind="early")
    response = client_for(maria).post(reverse("workforce:schedule_publish", args=[ru_schedule.pk]))
    assert response.status_code == 302
    ru_schedule.refresh_from_db()
    assert ru_schedule.status == Schedule.Status.PUBLISHED
    page = client_for(bob).get(reverse("workforce:my_schedule"))
    mine = page.context["mine"]
    assert [s.day for s in mine.shifts] == [ru_schedule.starts_on]
    assert (mine.granted, mine.total) == (1, 1)


def test_agents_find_their_schedule_from_every_staff_page_and_customers_do_not(bob, charlie):
    my_schedule = reverse("workforce:my_schedule")
    assert my_schedule in client_for(bob).get(reverse("console:queue")).content.decode()
    assert my_schedule not in client_for(charlie).get(reverse("cases:my_cases")).content.decode()


def test_agent_does_not_see_a_draft_schedule(bob, ru_schedule):
    ShiftFactory(schedule=ru_schedule, agent=bob)
    assert client_for(bob).get(reverse("workforce:my_schedule")).context["mine"].shifts == []


def test_agent_adds_a_wish(bob):
    day = timezone.localdate() + timedelta(days=10)
    response = client_for(bob).post(reverse("workforce:my_schedule"), {"kind": "day_off", "day": day.isoformat()})
    assert response.status_code == 302
    assert Wish.objects.get(agent=bob).day == day


def test_a_day_off_wish_without_a_date_is_refused_next_to_the_field(bob):
    response = client_for(bob).post(reverse("workforce:my_schedule"), {"kind": "day_off", "weekly_hours": "20"})
    assert response.status_code == 422
    assert "day" in response.context["form"].errors
    assert not Wish.objects.exists()


def test_agent_cannot_remove_another_agents_wish(bob, dora):
    wish = WishFactory(agent=dora)
    assert client_for(bob).post(reverse("workforce:wish_delete", args=[wish.pk])).status_code == 404
    assert Wish.objects.filter(pk=wish.pk).exists()


# --- Dashboard and roll-up ----------------------------------------------------------------


def test_dashboard_shows_open_cases_waiting_calls_and_coming_breaches(
    maria, ru_department, ru_queue, wont_charge, alice, bob
):
    CaseFactory(
        queue=ru_queue,
        request_type=wont_charge,
        customer=alice,
        locale="ru",
        channel=Case.Channel.PHONE,
        contact_method="phone",
        contact_phone="+79990000000",
        first_response_due=timezone.now() + timedelta(minutes=30),
    )
    response = client_for(maria).get(reverse("workforce:dashboard", args=[ru_department.pk]))
    board = response.context["board"]
    assert (board.open_cases, board.waiting_calls, len(board.breaches_soon)) == (1, 1, 1)
    partial = client_for(maria).get(reverse("workforce:dashboard", args=[ru_department.pk]), HTTP_HX_REQUEST="true")
    assert "<h1>" not in partial.content.decode()


def test_rollup_folds_live_cases_into_the_history_once(ru_queue, wont_charge, alice, bob):
    from caselog.workforce.services import volume_rollup

    case = CaseFactory(
        queue=ru_queue,
        request_type=wont_charge,
        customer=alice,
        locale="ru",
        channel=Case.Channel.PHONE,
        contact_method="phone",
        contact_phone="+79990000000",
    )
    Case.objects.filter(pk=case.pk).update(created_at=timezone.now() - timedelta(hours=3))
    CallLog.objects.create(
        case=case,
        agent=bob,
        started_at=timezone.now() - timedelta(hours=3) + timedelta(seconds=15),
        ended_at=timezone.now() - timedelta(hours=3) + timedelta(seconds=315),
    )
    assert volume_rollup() >= 1
    row = HourlyVolume.objects.get(channel=Case.Channel.PHONE)
    assert (row.contacts, row.answered, row.answered_in_target, row.handle_seconds) == (1, 1, 1, 300)
    assert volume_rollup() == 0
    assert HourlyVolume.objects.filter(channel=Case.Channel.PHONE).count() == 1
