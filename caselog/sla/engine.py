"""Business-time arithmetic: pure Python, no Django.

A `CalendarSpec` says when a team works (a time zone, weekly hours with any number of
intervals a day, closed dates, one-off exceptions and closures). `BusinessClock` compiles it
into a timeline of open intervals in UTC microseconds with a running total of open time, so
that every question is a binary search:

- position(t): open time (in microseconds) from the timeline's origin up to moment t;
- add(t, d): the earliest moment whose position is position(t) + d;
- between(a, b): position(b) - position(a).

Because add() is defined through one monotone position function, computing a due time from
an intermediate point gives exactly the answer computed from the start, and the wall clock
only enters when local intervals are turned into UTC instants (where daylight-saving time is
handled by zoneinfo: an 8-hour day is 8 real hours, a 00:00-24:00 day on a DST change is 23
or 25 real hours).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

Interval = tuple[time, time]
"""Local opening interval. An end at or before the start runs past midnight into the next day
(22:00-06:00); 00:00-00:00 is the whole day."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROS = 1_000_000
_CHUNK_DAYS = 366
"""How many days the timeline grows by at a time."""
MAX_SEARCH_DAYS = 366 * 10
"""A calendar that does not open within this many days after a moment never opens."""


class CalendarNeverOpensError(ValueError):
    """The calendar has no open time in the searched range, so no due time exists."""


def _micros(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("Business-time arithmetic needs aware datetimes")
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * _MICROS + delta.microseconds


def _moment(micros: int) -> datetime:
    return _EPOCH + timedelta(microseconds=micros)


def _duration_micros(duration: timedelta) -> int:
    return (duration.days * 86_400 + duration.seconds) * _MICROS + duration.microseconds


@dataclass(frozen=True)
class CalendarSpec:
    """When a team works. `weekly` maps Monday=0 ... Sunday=6 to intervals; a weekday that is
    missing is closed. `closed_dates` (public holidays, whole-day closures) close a local date;
    `exceptions` replace a date's hours (an empty list closes it, a list on a closed date
    opens it). `closures` are (start, end) instants during which nobody works."""

    time_zone: str = "UTC"
    weekly: Mapping[int, Sequence[Interval]] = field(default_factory=dict)
    closed_dates: frozenset[date] = frozenset()
    exceptions: Mapping[date, Sequence[Interval]] = field(default_factory=dict)
    closures: Sequence[tuple[datetime, datetime]] = ()

    def intervals_on(self, day: date) -> Sequence[Interval]:
        if day in self.exceptions:
            return self.exceptions[day]
        if day in self.closed_dates:
            return ()
        return self.weekly.get(day.weekday(), ())

    def has_any_hours(self) -> bool:
        return any(self.weekly.values()) or any(self.exceptions.values())


class Clock(Protocol):
    """What the SLA code needs from a clock: calendar time and business time both fit."""

    def add(self, start: datetime, duration: timedelta) -> datetime: ...

    def between(self, start: datetime, end: datetime) -> timedelta: ...

    def is_open(self, moment: datetime) -> bool: ...

    def next_open(self, moment: datetime) -> datetime: ...


class CalendarTimeClock:
    """Calendar time: always open."""

    def add(self, start: datetime, duration: timedelta) -> datetime:
        return start + max(duration, timedelta(0))

    def between(self, start: datetime, end: datetime) -> timedelta:
        return end - start

    def is_open(self, moment: datetime) -> bool:
        return True

    def next_open(self, moment: datetime) -> datetime:
        return moment


CALENDAR_TIME = CalendarTimeClock()


def _merge(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _subtract(intervals: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not holes:
        return intervals
    result: list[tuple[int, int]] = []
    for start, end in intervals:
        pieces = [(start, end)]
        for hole_start, hole_end in holes:
            if hole_end <= start or hole_start >= end:
                continue
            next_pieces = []
            for piece_start, piece_end in pieces:
                if hole_end <= piece_start or hole_start >= piece_end:
                    next_pieces.append((piece_start, piece_end))
                    continue
                if piece_start < hole_start:
                    next_pieces.append((piece_start, hole_start))
                if hole_end < piece_end:
                    next_pieces.append((hole_end, piece_end))
            pieces = next_pieces
        result.extend(pieces)
    return result


class BusinessClock:
    """A compiled calendar. Grows its timeline on demand in both directions; not thread-safe
    to share across threads while growing (each request or task builds its own)."""

    def __init__(self, spec: CalendarSpec) -> None:
        self.spec = spec
        self.zone = ZoneInfo(spec.time_zone)
        self._closures = _merge((_micros(s), _micros(e)) for s, e in spec.closures)
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._cum: list[int] = []  # open micros before interval i
        self._cum_end: list[int] = []  # open micros up to the end of interval i
        self._first_day: date | None = None
        self._last_day: date | None = None  # exclusive
        self._safe_low = 0  # moments strictly inside (low, high) need no rebuild
        self._safe_high = -1

    # --- timeline ---------------------------------------------------------------------

    def _local(self, day: date, moment: time) -> int:
        """The first instant the local wall clock shows `moment` on `day` (or later: a time in a
        spring-forward gap opens when the clock jumps past it)."""
        naive = datetime.combine(day, moment)
        aware = naive.replace(tzinfo=self.zone)
        micros = _micros(aware)
        shown = aware.astimezone(UTC).astimezone(self.zone).replace(tzinfo=None)
        if shown == naive:
            return micros
        low, high = micros - _duration_micros(shown - naive), micros  # shows earlier / later
        while high - low > _MICROS:
            middle = (low + high) // 2 // _MICROS * _MICROS
            if middle <= low:
                break
            if _moment(middle).astimezone(self.zone).replace(tzinfo=None) >= naive:
                high = middle
            else:
                low = middle
        return high

    def _day_intervals(self, first: date, last: date) -> list[tuple[int, int]]:
        raw: list[tuple[int, int]] = []
        day = first
        while day < last:
            for start, end in self.spec.intervals_on(day):
                end_day = day if end > start else day + timedelta(days=1)
                raw.append((self._local(day, start), self._local(end_day, end)))
            day += timedelta(days=1)
        return raw

    def _rebuild(self, first: date, last: date) -> None:
        # One day of margin on each side so that midnight-spanning intervals from the day
        # before are included and nothing is clipped at the edges.
        intervals = _subtract(_merge(self._day_intervals(first - timedelta(days=1), last)), self._closures)
        low, high = self._local(first, time()), self._local(last, time())
        intervals = [(max(s, low), min(e, high)) for s, e in intervals if e > low and s < high]
        self._starts = [s for s, _ in intervals]
        self._ends = [e for _, e in intervals]
        self._cum = []
        self._cum_end = []
        total = 0
        for start, end in intervals:
            self._cum.append(total)
            total += end - start
            self._cum_end.append(total)
        self._first_day, self._last_day = first, last
        margin = 8 * 86_400 * _MICROS
        self._safe_low, self._safe_high = low + margin, high - margin

    def _cover(self, micros: int) -> None:
        """Make sure the timeline covers the local day of `micros` and the next chunk."""
        if self._safe_low < micros < self._safe_high:
            return
        day = _moment(micros).astimezone(self.zone).date()
        first, last = self._first_day, self._last_day
        if first is not None and last is not None and first < day and day + timedelta(days=7) < last:
            return
        new_first = min(first, day - timedelta(days=7)) if first else day - timedelta(days=7)
        new_last = max(last, day + timedelta(days=_CHUNK_DAYS)) if last else day + timedelta(days=_CHUNK_DAYS)
        self._rebuild(new_first, new_last)

    def _grow_forward(self) -> None:
        assert self._first_day is not None and self._last_day is not None
        self._rebuild(self._first_day, self._last_day + timedelta(days=_CHUNK_DAYS))

    def _horizon(self) -> int:
        assert self._last_day is not None
        return self._local(self._last_day, time())

    def _position(self, micros: int) -> int:
        index = bisect_right(self._ends, micros)
        if index == len(self._starts):
            return self._cum_end[-1] if self._cum_end else 0
        return self._cum[index] + max(0, micros - self._starts[index])

    # --- questions --------------------------------------------------------------------

    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The moment (in UTC) when `duration` of open time has passed since `start`."""
        micros = _micros(start)
        amount = _duration_micros(duration)
        if amount <= 0:
            return start
        self._cover(micros)
        target = self._position(micros) + amount
        limit = micros + MAX_SEARCH_DAYS * 86_400 * _MICROS
        while not self._cum_end or self._cum_end[-1] < target:
            if self._horizon() > limit:
                raise CalendarNeverOpensError(f"No {duration} of open time within {MAX_SEARCH_DAYS} days")
            self._grow_forward()
        index = bisect_left(self._cum_end, target)
        return _moment(self._starts[index] + (target - self._cum[index]))

    def between(self, start: datetime, end: datetime) -> timedelta:
        """Open time from `start` to `end` (negative if end comes first)."""
        a, b = _micros(start), _micros(end)
        low, high = min(a, b), max(a, b)
        self._cover(low)
        self._cover(high)
        return timedelta(microseconds=self._position(b) - self._position(a))

    def is_open(self, moment: datetime) -> bool:
        micros = _micros(moment)
        self._cover(micros)
        index = bisect_right(self._ends, micros)
        return index < len(self._starts) and self._starts[index] <= micros

    def open_until(self, moment: datetime) -> datetime | None:
        """When the open stretch around `moment` ends; None when closed at `moment`."""
        micros = _micros(moment)
        self._cover(micros)
        index = bisect_right(self._ends, micros)
        if index < len(self._starts) and self._starts[index] <= micros:
            return _moment(self._ends[index])
        return None

    def next_open(self, moment: datetime) -> datetime:
        """`moment` if open then, else the next opening."""
        micros = _micros(moment)
        self._cover(micros)
        limit = micros + MAX_SEARCH_DAYS * 86_400 * _MICROS
        while True:
            index = bisect_right(self._ends, micros)
            if index < len(self._starts):
                return _moment(max(micros, self._starts[index]))
            if self._horizon() > limit:
                raise CalendarNeverOpensError(f"The calendar does not open within {MAX_SEARCH_DAYS} days")
            self._grow_forward()


def due_with_pauses(
    clock: Clock,
    *,
    start: datetime,
    target: timedelta,
    pauses: Sequence[tuple[datetime, datetime | None]] = (),
) -> datetime | None:
    """When a clock started at `start` with `target` of (business) time reaches it, not counting
    the pauses (waiting on the customer). None while a pause that matters is still open.
    A pause that begins after the due time has passed changes nothing: a breach stays a breach."""
    remaining = target
    cursor = start
    for pause_start, pause_end in sorted(pauses, key=lambda pause: pause[0]):
        if pause_end is not None and pause_end <= cursor:
            continue
        if pause_start >= cursor:
            candidate = clock.add(cursor, remaining)
            if candidate <= pause_start:
                return candidate
            remaining -= clock.between(cursor, pause_start)
        if pause_end is None:
            return None
        cursor = max(cursor, pause_end)
    return clock.add(cursor, remaining)


def time_left(clock: Clock, *, now: datetime, due: datetime) -> timedelta:
    """Open time left until `due` (negative once breached)."""
    return clock.between(now, due)
