"""Property tests of the business-time engine against a brute-force minute-by-minute oracle.

Calendars are drawn with split hours, midnight-spanning intervals, omitted weekdays,
holidays, one-off exceptions and closures, in time zones with daylight-saving changes
(including Lord Howe's 30-minute shift), around the dates those changes happen."""

from __future__ import annotations

from bisect import bisect_left
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caselog.sla.engine import CALENDAR_TIME, BusinessClock, CalendarSpec, due_with_pauses

ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Almaty", "Europe/Moscow", "UTC"]
# Days around daylight-saving changes in 2026 (EU: Mar 29 / Oct 25, US: Mar 8 / Nov 1,
# Lord Howe: Apr 5 / Oct 4) and an ordinary week.
ANCHORS = [
    date(2026, 3, 27),
    date(2026, 10, 23),
    date(2026, 3, 6),
    date(2026, 10, 30),
    date(2026, 4, 3),
    date(2026, 10, 2),
    date(2026, 6, 10),
]
WINDOW_DAYS = 6

quarter_hours = st.integers(min_value=0, max_value=95).map(lambda q: time(q // 4, (q % 4) * 15))
intervals = st.lists(st.tuples(quarter_hours, quarter_hours), min_size=0, max_size=3)


@st.composite
def calendars(draw: st.DrawFn) -> tuple[CalendarSpec, datetime]:
    zone = draw(st.sampled_from(ZONES))
    anchor = draw(st.sampled_from(ANCHORS))
    days = [anchor + timedelta(days=offset) for offset in range(WINDOW_DAYS)]
    weekly = draw(st.dictionaries(st.integers(0, 6), intervals, max_size=7))
    holidays = frozenset(draw(st.lists(st.sampled_from(days), max_size=2)))
    exceptions = draw(st.dictionaries(st.sampled_from(days), intervals, max_size=2))
    origin = datetime.combine(anchor, time(), tzinfo=UTC)
    closure_starts = draw(st.lists(st.integers(0, WINDOW_DAYS * 24 * 4), max_size=2))
    closures = []
    for start in closure_starts:
        length = draw(st.integers(1, 48))
        closures.append((origin + timedelta(minutes=15 * start), origin + timedelta(minutes=15 * (start + length))))
    spec = CalendarSpec(
        time_zone=zone, weekly=weekly, closed_dates=holidays, exceptions=exceptions, closures=tuple(closures)
    )
    return spec, origin


def oracle_open_minutes(spec: CalendarSpec, origin: datetime, span_days: int) -> list[bool]:
    """For each minute from `origin - 1 day`, whether it is open: between the first minute the
    wall clock shows an interval's start and the first it shows its end, outside closures."""
    zone = ZoneInfo(spec.time_zone)
    begin = origin - timedelta(days=1)
    count = (span_days + 2) * 24 * 60
    shown_so_far: list[datetime] = []  # the latest wall time shown up to each minute
    for index in range(count):
        local = (begin + timedelta(minutes=index)).astimezone(zone).replace(tzinfo=None)
        shown_so_far.append(max(local, shown_so_far[-1]) if shown_so_far else local)
    open_ = [False] * count
    first_day = shown_so_far[0].date() - timedelta(days=1)
    for offset in range(span_days + 4):
        day = first_day + timedelta(days=offset)
        for start, end in spec.intervals_on(day):
            end_day = day if end > start else day + timedelta(days=1)
            low = bisect_left(shown_so_far, datetime.combine(day, start))
            high = bisect_left(shown_so_far, datetime.combine(end_day, end))
            for index in range(low, high):
                open_[index] = True
    for closure_start, closure_end in spec.closures:
        low = max(0, int((closure_start - begin).total_seconds() // 60))
        high = min(count, int((closure_end - begin).total_seconds() // 60))
        for index in range(low, high):
            open_[index] = False
    return open_


PROPERTY_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(calendars(), st.integers(0, WINDOW_DAYS * 24 * 4 - 1), st.integers(0, WINDOW_DAYS * 24 * 4 - 1))
def test_open_time_between_two_moments_matches_a_minute_by_minute_count(
    drawn: tuple[CalendarSpec, datetime], a: int, b: int
) -> None:
    spec, origin = drawn
    start, end = sorted((origin + timedelta(minutes=15 * a), origin + timedelta(minutes=15 * b)))
    open_ = oracle_open_minutes(spec, origin, WINDOW_DAYS)
    begin = origin - timedelta(days=1)
    low = int((start - begin).total_seconds() // 60)
    high = int((end - begin).total_seconds() // 60)
    assert BusinessClock(spec).between(start, end) == timedelta(minutes=sum(open_[low:high]))


@PROPERTY_SETTINGS
@given(calendars(), st.integers(0, WINDOW_DAYS * 24 * 2), st.integers(1, 24 * 60))
def test_due_time_is_the_minute_the_oracle_reaches_the_target(
    drawn: tuple[CalendarSpec, datetime], a: int, target_minutes: int
) -> None:
    spec, origin = drawn
    start = origin + timedelta(minutes=15 * a)
    open_ = oracle_open_minutes(spec, origin, WINDOW_DAYS)
    begin = origin - timedelta(days=1)
    counted, index = 0, int((start - begin).total_seconds() // 60)
    while index < len(open_) and counted < target_minutes:
        counted += open_[index]
        index += 1
    if counted < target_minutes:
        return  # the answer lies beyond the oracle's window
    expected = begin + timedelta(minutes=index)
    assert BusinessClock(spec).add(start, timedelta(minutes=target_minutes)) == expected


@PROPERTY_SETTINGS
@given(calendars(), st.integers(0, 2000), st.integers(0, 5000), st.integers(0, 5000))
def test_due_never_precedes_start_and_is_monotone_in_the_duration(
    drawn: tuple[CalendarSpec, datetime], a: int, first: int, second: int
) -> None:
    spec, origin = drawn
    if not spec.has_any_hours():
        return
    clock = BusinessClock(spec)
    start = origin + timedelta(minutes=a)
    shorter, longer = sorted((timedelta(minutes=first), timedelta(minutes=second)))
    try:
        due_short, due_long = clock.add(start, shorter), clock.add(start, longer)
    except ValueError:
        return  # a calendar with hours only on closed dates never opens
    assert start <= due_short <= due_long
    assert clock.between(start, due_long) == longer


@PROPERTY_SETTINGS
@given(calendars(), st.integers(0, 2000), st.integers(0, 3000), st.integers(0, 3000))
def test_due_from_an_intermediate_point_equals_due_from_the_start(
    drawn: tuple[CalendarSpec, datetime], a: int, first: int, second: int
) -> None:
    spec, origin = drawn
    if not spec.has_any_hours():
        return
    clock = BusinessClock(spec)
    start = origin + timedelta(minutes=a)
    try:
        midway = clock.add(start, timedelta(minutes=first))
        assert clock.add(midway, timedelta(minutes=second)) == clock.add(start, timedelta(minutes=first + second))
    except ValueError:
        return


@PROPERTY_SETTINGS
@given(calendars(), st.integers(0, 2000), st.integers(1, 3000), st.integers(0, 4000), st.integers(1, 4000))
def test_pausing_and_resuming_adds_exactly_the_paused_business_time(
    drawn: tuple[CalendarSpec, datetime], a: int, target: int, pause_after: int, pause_length: int
) -> None:
    spec, origin = drawn
    if not spec.has_any_hours():
        return
    clock = BusinessClock(spec)
    start = origin + timedelta(minutes=a)
    pause_start = start + timedelta(minutes=pause_after)
    pause_end = pause_start + timedelta(minutes=pause_length)
    try:
        unpaused = clock.add(start, timedelta(minutes=target))
        paused = due_with_pauses(
            clock, start=start, target=timedelta(minutes=target), pauses=[(pause_start, pause_end)]
        )
    except ValueError:
        return
    assert paused is not None
    if unpaused <= pause_start:
        assert paused == unpaused  # the deadline came before the pause: a breach stays a breach
    else:
        assert clock.between(start, paused) == timedelta(minutes=target) + clock.between(pause_start, pause_end)
        assert clock.between(unpaused, paused) == clock.between(pause_start, pause_end)


@PROPERTY_SETTINGS
@given(st.integers(0, 10_000), st.integers(0, 10_000), st.integers(0, 10_000))
def test_calendar_time_pause_adds_the_paused_wall_time(target: int, pause_after: int, pause_length: int) -> None:
    start = datetime(2026, 3, 28, 12, tzinfo=UTC)
    pause = (start + timedelta(minutes=pause_after), start + timedelta(minutes=pause_after + pause_length))
    due = due_with_pauses(CALENDAR_TIME, start=start, target=timedelta(minutes=target), pauses=[pause])
    expected = start + timedelta(minutes=target)
    if expected > pause[0]:
        expected += pause[1] - pause[0]
    assert due == expected


def test_an_open_pause_stops_the_clock() -> None:
    start = datetime(2026, 3, 28, 12, tzinfo=UTC)
    pauses: list[tuple[datetime, datetime | None]] = [(start + timedelta(hours=1), None)]
    assert due_with_pauses(CALENDAR_TIME, start=start, target=timedelta(hours=4), pauses=pauses) is None
