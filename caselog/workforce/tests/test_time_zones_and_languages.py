"""Planning in the department's local time (its SLA calendar's time zone), across clock
changes, and staffing per department × language."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from django.urls import reverse

from caselog.cases.models import Case
from caselog.cases.tests.factories import agent_create
from caselog.sla.tests.factories import CalendarFactory
from caselog.workforce import forecasting, selectors, services
from caselog.workforce.models import HourlyVolume, Schedule, Shift
from caselog.workforce.tests.factories import ScheduleFactory, ShiftFactory, next_monday
from conftest import client_for

BERLIN = ZoneInfo("Europe/Berlin")
MOSCOW = ZoneInfo("Europe/Moscow")
# Europe/Berlin: clocks go forward on Sunday 29 March 2026 at 01:00 UTC (02:00 -> 03:00) and
# back on Sunday 25 October 2026 at 01:00 UTC (03:00 -> 02:00). Moscow stays at UTC+3.
SPRING = datetime(2026, 3, 29, 1, tzinfo=UTC)
AUTUMN = datetime(2026, 10, 25, 1, tzinfo=UTC)


def _local(start: datetime, hours: int, zone: ZoneInfo) -> list[datetime]:
    return [(start + timedelta(hours=i)).astimezone(zone) for i in range(hours)]


# --- The hour of the week follows the local clock ----------------------------------------


def test_hour_of_week_skips_the_lost_hour_in_spring_in_berlin():
    start = datetime(2026, 3, 28, 22, tzinfo=UTC)  # Saturday 23:00 CET
    slots = forecasting._hour_of_week(start, 6, BERLIN)
    sunday = 6 * 24
    assert list(slots) == [5 * 24 + 23, sunday + 0, sunday + 1, sunday + 3, sunday + 4, sunday + 5]


def test_hour_of_week_repeats_the_extra_hour_in_autumn_in_berlin():
    start = datetime(2026, 10, 24, 22, tzinfo=UTC)  # Sunday 00:00 CEST
    slots = forecasting._hour_of_week(start, 5, BERLIN)
    sunday = 6 * 24
    assert list(slots) == [sunday + 0, sunday + 1, sunday + 2, sunday + 2, sunday + 3]


def test_hour_of_week_in_a_fixed_zone_is_a_constant_shift():
    start = datetime(2026, 3, 28, 22, tzinfo=UTC)  # Sunday 01:00 in Moscow
    slots = forecasting._hour_of_week(start, 6, MOSCOW)
    assert list(slots) == [6 * 24 + h for h in range(1, 7)]


def _office_hours_history(start: datetime, hours: int, zone: ZoneInfo) -> np.ndarray:
    """100 contacts an hour 09-17 local on weekdays, 5 otherwise: no noise, a pure local shape."""
    return np.array([100.0 if t.weekday() < 5 and 9 <= t.hour < 17 else 5.0 for t in _local(start, hours, zone)])


@pytest.mark.parametrize("zone", [BERLIN, MOSCOW], ids=["Europe/Berlin", "Europe/Moscow"])
def test_the_forecast_keeps_the_local_office_hours_across_the_clock_change(zone):
    start = datetime(2026, 2, 23, tzinfo=UTC)  # five weeks of history before the change, one after
    hours = 6 * 168
    counts = _office_hours_history(start, hours, zone)
    model = forecasting.fit(start=start, counts=counts, zone=zone, with_trend=False)
    after = start + timedelta(hours=hours)  # mid-April, summer time in Berlin
    forecast = model.predict(start=after, hours=168)
    for at, mean in zip(_local(after, 168, zone), forecast.mean, strict=True):
        if at.weekday() < 5 and at.hour in (8, 17):
            assert mean < 20, f"{at} should be quiet"
        if at.weekday() < 5 and at.hour in (9, 16):
            assert mean > 80, f"{at} should be busy"


def test_the_backtest_compares_whole_local_days_across_the_clock_change():
    start = datetime(2026, 2, 23, tzinfo=UTC)
    counts = _office_hours_history(start, 6 * 168, BERLIN)
    result = forecasting.backtest(start=start, counts=counts, zone=BERLIN)
    assert result is not None and result.daily_mape is not None
    assert result.daily_mape < 0.01


# --- Time zone of a department ---------------------------------------------------------


def test_the_department_time_zone_is_its_sla_calendars(ru_department, de_department, en_department):
    ru_department.calendar = CalendarFactory(time_zone="Europe/Moscow")
    ru_department.save()
    CalendarFactory(time_zone="Europe/Dublin", is_default=True)
    assert selectors.department_zone(ru_department) == MOSCOW
    # Without a calendar of its own: the default calendar's zone.
    assert selectors.department_zone(de_department) == ZoneInfo("Europe/Dublin")
    assert selectors.department_zones()[ru_department.pk] == "Europe/Moscow"
    assert selectors.department_zones()[en_department.pk] == "Europe/Dublin"


def test_heat_map_hours_are_local_on_both_sides_of_the_clock_change(de_department, ru_department):
    de_department.calendar = CalendarFactory(time_zone="Europe/Berlin")
    de_department.save()
    ru_department.calendar = CalendarFactory(time_zone="Europe/Moscow")
    ru_department.save()
    cells = [
        (de_department, datetime(2026, 3, 27, 8, tzinfo=UTC)),  # Friday 09:00 CET
        (de_department, datetime(2026, 3, 30, 7, tzinfo=UTC)),  # Monday 09:00 CEST
        (ru_department, datetime(2026, 3, 30, 6, tzinfo=UTC)),  # Monday 09:00 MSK
    ]
    for department, at in cells:
        HourlyVolume.objects.create(
            department=department, channel=Case.Channel.PHONE, language=department.language, hour_start=at, contacts=7
        )
    report = selectors.volume_report(selectors.VolumeFilter(start=date(2026, 3, 23), end=date(2026, 4, 5)))
    assert report.heatmap[4][9] == 7  # Friday 09
    assert report.heatmap[0][9] == 14  # Monday 09, Berlin and Moscow
    assert sum(map(sum, report.heatmap)) == 21
    assert report.zones == ["Europe/Berlin", "Europe/Moscow"]
    only_berlin = selectors.volume_report(
        selectors.VolumeFilter(start=date(2026, 3, 23), end=date(2026, 4, 5), department=de_department, zone=BERLIN)
    )
    assert only_berlin.heatmap[0][9] == 7 and only_berlin.heatmap[4][9] == 7
    assert only_berlin.zones == ["Europe/Berlin"]


# --- Requirement per local day and hour -------------------------------------------------


class _Plan:
    """Just what local_requirement reads from a PlanningForecast."""

    def __init__(self, language: str, need: dict[datetime, int]) -> None:
        self.language = language
        self._need = need

    def hourly_requirement(self) -> dict[datetime, int]:
        return self._need


def test_requirement_is_per_local_hour_across_spring_forward():
    days = [date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30)]
    start = datetime(2026, 3, 27, 23, tzinfo=UTC)  # Saturday 00:00 CET
    need = {start + timedelta(hours=i): 1 + (i % 24) for i in range(3 * 24)}
    requirement = selectors.local_requirement([_Plan("de", need)], days=days, zone=BERLIN)  # type: ignore[list-item]
    saturday, sunday, monday = (requirement["de"][d.isoformat()] for d in days)
    # Saturday: CET, local 09:00 is 08:00 UTC.
    assert saturday[9] == need[datetime(2026, 3, 28, 8, tzinfo=UTC)]
    # Sunday: 02:00 does not exist, so it needs nobody; 09:00 is already 07:00 UTC.
    assert sunday[2] == 0
    assert sunday[9] == need[datetime(2026, 3, 29, 7, tzinfo=UTC)]
    assert monday[9] == need[datetime(2026, 3, 30, 7, tzinfo=UTC)]


def test_requirement_takes_the_busier_of_the_repeated_hour_in_autumn():
    day = date(2026, 10, 25)
    need = {AUTUMN - timedelta(hours=1): 3, AUTUMN: 5}  # 02:00 CEST, then 02:00 CET
    requirement = selectors.local_requirement([_Plan("de", need)], days=[day], zone=BERLIN)  # type: ignore[list-item]
    assert requirement["de"][day.isoformat()][2] == 5


def test_a_shift_starts_at_the_same_local_hour_before_and_after_the_change(de_department, dora):
    schedule = ScheduleFactory(department=de_department, starts_on=date(2026, 3, 23), weeks=2)
    friday = ShiftFactory(schedule=schedule, agent=dora, day=date(2026, 3, 27), kind="early")
    monday = ShiftFactory(schedule=schedule, agent=dora, day=date(2026, 3, 30), kind="early")
    assert friday.starts_at(BERLIN) == datetime(2026, 3, 27, 6, tzinfo=UTC)
    assert monday.starts_at(BERLIN) == datetime(2026, 3, 30, 5, tzinfo=UTC)
    assert monday.starts_at(MOSCOW) == datetime(2026, 3, 30, 4, tzinfo=UTC)


def test_dashboard_counts_agents_on_shift_by_local_time(ru_department, bob):
    ru_department.calendar = CalendarFactory(time_zone="Europe/Moscow")
    ru_department.save()
    monday = date(2026, 3, 30)
    schedule = ScheduleFactory(department=ru_department, starts_on=monday, status=Schedule.Status.PUBLISHED)
    ShiftFactory(schedule=schedule, agent=bob, day=monday, kind="day")  # 09-17 Moscow time
    at_nine_thirty = datetime(2026, 3, 30, 6, 30, tzinfo=UTC)
    at_eight_thirty = datetime(2026, 3, 30, 5, 30, tzinfo=UTC)
    board = selectors.department_dashboard(department=ru_department, now=at_nine_thirty)
    assert board.agents_on_shift == 1
    assert board.agents_by_language == [("ru", 1, 1)]
    assert selectors.department_dashboard(department=ru_department, now=at_eight_thirty).agents_on_shift == 0


# --- Per language ----------------------------------------------------------------------


@pytest.fixture
def bilingual_history(ru_department):
    """Five weeks of Russian and English phone contacts in the Moscow department."""
    from django.utils import timezone

    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    start = now - timedelta(weeks=5)
    rows = []
    for i in range(5 * 168):
        at = start + timedelta(hours=i)
        local = at.astimezone(MOSCOW)
        if local.weekday() < 5 and 9 <= local.hour < 18:
            for language, contacts in (("ru", 12), ("en", 4)):
                rows.append(
                    HourlyVolume(
                        department=ru_department,
                        channel=Case.Channel.PHONE,
                        language=language,
                        hour_start=at,
                        contacts=contacts,
                        answered=contacts,
                        answered_in_target=contacts,
                        handle_seconds=contacts * 300,
                    )
                )
    return HourlyVolume.objects.bulk_create(rows)


def test_the_proposed_roster_covers_each_language_with_its_speakers(maria, ru_department, bilingual_history):
    ru_department.calendar = CalendarFactory(time_zone="Europe/Moscow")
    ru_department.save()
    russian = [agent_create(departments=[ru_department], languages=["ru"]) for _ in range(6)]
    english = [agent_create(departments=[ru_department], languages=["en"]) for _ in range(2)]
    both = [agent_create(departments=[ru_department], languages=["ru", "en"]) for _ in range(2)]
    schedule = services.schedule_propose(
        actor=maria, department=ru_department, starts_on=next_monday(), weeks=1, time_limit_seconds=5
    )
    assert set(schedule.requirement) == {"ru", "en"}
    assert sum(map(sum, schedule.requirement["en"].values())) > 0
    speaks = {a.pk: set(a.agent_profile.languages) for a in russian + english + both}
    shifts = list(Shift.objects.filter(schedule=schedule))
    assert shifts
    for shift in shifts:
        assert shift.language in speaks[shift.agent_id]
    assert {s.language for s in shifts} == {"ru", "en"}
    view = selectors.schedule_view(schedule)
    assert view.violations == []
    assert set(view.coverage) == {"ru", "en"}
    assert view.shortfall_of("ru") + view.shortfall_of("en") == view.shortfall_hours
    page = client_for(maria).get(schedule.get_absolute_url())
    assert page.status_code == 200
    assert [c["language"] for c in page.context["charts"]] == ["en", "ru"]
    csv = client_for(maria).get(schedule.get_absolute_url(), {"download": "coverage"})
    assert csv["Content-Type"].startswith("text/csv")
    assert len(csv.content.decode().splitlines()) == 1 + 2 * 7 * 24


def test_a_shift_in_a_language_the_agent_does_not_speak_is_refused(maria, bob, ru_department):
    schedule = ScheduleFactory(
        department=ru_department,
        requirement={
            language: {(next_monday() + timedelta(days=d)).isoformat(): [0] * 24 for d in range(7)}
            for language in ("ru", "en")
        },
    )
    response = client_for(maria).post(
        reverse("workforce:shift_set", args=[schedule.pk]),
        {"agent": bob.pk, "day": schedule.starts_on.isoformat(), "kind": "day", "language": "en"},
    )
    assert response.status_code == 422
    assert "language" in response.context["shift_form"].errors
    assert not Shift.objects.exists()
    # Without a language: the schedule's language bob speaks.
    response = client_for(maria).post(
        reverse("workforce:shift_set", args=[schedule.pk]),
        {"agent": bob.pk, "day": schedule.starts_on.isoformat(), "kind": "day"},
    )
    assert response.status_code == 302
    assert Shift.objects.get().language == "ru"


def test_the_forecast_page_offers_each_language_and_names_the_local_time(maria, ru_department, bilingual_history):
    ru_department.calendar = CalendarFactory(time_zone="Europe/Moscow")
    ru_department.save()
    url = reverse("workforce:forecast", args=[ru_department.pk])
    page = client_for(maria).get(url, {"language": "en", "weeks": "1"})
    assert page.status_code == 200
    assert page.context["plan"].language == "en"
    assert "Europe/Moscow" in page.content.decode()
    csv = client_for(maria).get(url, {"language": "en", "weeks": "1", "download": "forecast"})
    lines = csv.content.decode().splitlines()
    assert lines[0].startswith("Hour (Europe/Moscow)")
    assert lines[1].split(",")[0].endswith("+03:00")


@pytest.mark.parametrize("zone", ["Europe/Berlin", "Europe/Moscow", "America/New_York", "Australia/Lord_Howe", "UTC"])
@pytest.mark.parametrize("count", [1, 2, 23, 24, 25, 49, 24 * 400])
def test_the_daily_offset_lookup_agrees_with_asking_every_hour(zone, count):
    tz = ZoneInfo(zone)
    for start in (datetime(2025, 1, 6, tzinfo=UTC), datetime(2026, 3, 28, 22, tzinfo=UTC)):
        every_hour = [_offset_hours((start + timedelta(hours=i)).astimezone(tz)) for i in range(count)]
        assert list(forecasting._utc_offsets(start, count, tz)) == every_hour


def _offset_hours(at: datetime) -> float:
    offset = at.utcoffset()
    assert offset is not None
    return offset.total_seconds() / 3600
