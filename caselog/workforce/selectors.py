"""Reads for workforce pages: volume analytics, the forecast and staffing, schedules, the live
department dashboard. History comes from HourlyVolume up to its last rolled-up hour; newer
hours are counted from live cases and call logs."""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Min, QuerySet, Sum
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, TruncDate, TruncHour, TruncWeek
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from caselog.accounts.models import Role, User
from caselog.cases.models import CallLog, Case, Department
from caselog.sla.models import Calendar
from caselog.workforce import erlang, forecasting, scheduling
from caselog.workforce.models import (
    SHIFT_HOURS,
    AgentDay,
    HourlyVolume,
    Release,
    Schedule,
    Shift,
    ShiftKind,
    StaffingPolicy,
    Wish,
)

MANAGER_PERMISSION = "cases.manage_queues"
UTC_ZONE = ZoneInfo("UTC")
INTERVAL_MINUTES = 15
INTERVALS_AN_HOUR = 60 // INTERVAL_MINUTES
HISTORY_WEEKS = 52
RECENT_WEEKS_FOR_RATES = 8
FORECAST_CACHE_SECONDS = 15 * 60
DEFAULT_HANDLE_SECONDS = 360.0
SUMS = ("contacts", "answered", "answered_in_target", "abandoned", "handle_seconds", "wait_seconds")


def is_planner(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(MANAGER_PERMISSION))


def department_list() -> QuerySet[Department]:
    return Department.objects.order_by("language", "name")


def department_for_planner(*, user: Any, pk: int) -> Department:
    """The department if this user plans the workforce; 404 otherwise."""
    if not is_planner(user):
        raise_404()
    return get_object_or_404(Department, pk=pk)


def raise_404() -> None:
    raise Http404


def _default_zone_name() -> str:
    name = Calendar.objects.filter(is_default=True).values_list("time_zone", flat=True).first()
    return name or settings.TIME_ZONE


def department_zone(department: Department) -> ZoneInfo:
    """The department's local time: the time zone of its SLA calendar (caselog/sla), else of
    the default calendar, else the site's. Heat maps, forecast intervals, staffing and shifts
    are planned and shown in it."""
    name = None
    if department.calendar_id is not None:
        name = Calendar.objects.filter(pk=department.calendar_id).values_list("time_zone", flat=True).first()
    return ZoneInfo(name or _default_zone_name())


def department_zones() -> dict[int, str]:
    """Every department's time zone name, in two queries."""
    default = _default_zone_name()
    return {pk: name or default for pk, name in Department.objects.values_list("pk", "calendar__time_zone")}


def staffing_policy_for(department: Department) -> StaffingPolicy:
    policy = StaffingPolicy.objects.filter(department=department).first()
    return policy if policy is not None else StaffingPolicy(department=department)


# --- Volume -----------------------------------------------------------------------------


def history_watermark() -> datetime | None:
    """The first hour not yet rolled up into HourlyVolume (None when there is no history)."""
    last = HourlyVolume.objects.aggregate(last=Max("hour_start"))["last"]
    return last + timedelta(hours=1) if last else None


@dataclass(frozen=True)
class VolumeFilter:
    start: date
    end: date  # inclusive
    department: Department | None = None
    language: str = ""
    channel: str = ""
    # The days are this zone's (the chosen department's; the site's across departments).
    zone: tzinfo | None = None

    @property
    def start_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min), self.zone)

    @property
    def end_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min), self.zone)


def _history(filters: VolumeFilter, until: datetime | None) -> QuerySet[HourlyVolume]:
    rows = HourlyVolume.objects.filter(hour_start__gte=filters.start_at, hour_start__lt=filters.end_at)
    if until is not None:
        rows = rows.filter(hour_start__lt=until)
    if filters.department is not None:
        rows = rows.filter(department=filters.department)
    if filters.language:
        rows = rows.filter(language=filters.language)
    if filters.channel:
        rows = rows.filter(channel=filters.channel)
    return rows


def _live_cells(filters: VolumeFilter, since: datetime | None) -> list[dict[str, Any]]:
    """Hourly cells counted from live cases and calls after the history ends."""
    start = max(filters.start_at, since) if since else filters.start_at
    if start >= filters.end_at:
        return []
    cases = Case.objects.filter(created_at__gte=start, created_at__lt=filters.end_at)
    calls = CallLog.objects.filter(case__created_at__gte=start, case__created_at__lt=filters.end_at)
    if filters.department is not None:
        cases = cases.filter(queue__department=filters.department)
        calls = calls.filter(case__queue__department=filters.department)
    if filters.language:
        cases = cases.filter(locale=filters.language)
        calls = calls.filter(case__locale=filters.language)
    if filters.channel:
        cases = cases.filter(channel=filters.channel)
        calls = calls.filter(case__channel=filters.channel)
    cells: dict[tuple[Any, ...], dict[str, Any]] = {}

    def cell(hour: datetime, department_id: int, channel: str, language: str) -> dict[str, Any]:
        key = (hour, department_id, channel, language)
        if key not in cells:
            cells[key] = {"hour_start": hour, "department_id": department_id, "channel": channel, "language": language}
            cells[key].update(dict.fromkeys(SUMS, 0))
        return cells[key]

    grouped = cases.annotate(hour=TruncHour("created_at")).values("hour", "queue__department_id", "channel", "locale")
    for row in grouped.annotate(n=Count("id")):
        cell(row["hour"], row["queue__department_id"], row["channel"], row["locale"])["contacts"] += row["n"]
    target = _answer_targets()
    answered = calls.filter(ended_at__isnull=False).values(
        "started_at", "ended_at", "case__created_at", "case__queue__department_id", "case__channel", "case__locale"
    )
    seen_cases: set[tuple[Any, ...]] = set()
    call: Any
    for call in answered:
        hour = call["case__created_at"].replace(minute=0, second=0, microsecond=0)
        counted = cell(hour, call["case__queue__department_id"], call["case__channel"], call["case__locale"])
        counted["answered"] += 1
        counted["handle_seconds"] += int((call["ended_at"] - call["started_at"]).total_seconds())
        wait = max(0.0, (call["started_at"] - call["case__created_at"]).total_seconds())
        key = (call["case__created_at"], call["case__queue__department_id"])
        if key not in seen_cases:
            seen_cases.add(key)
            counted["wait_seconds"] += int(wait)
        if wait <= target.get(call["case__queue__department_id"], 20):
            counted["answered_in_target"] += 1
    return list(cells.values())


def _answer_targets() -> dict[int, int]:
    return dict(StaffingPolicy.objects.values_list("department_id", "answer_within_seconds"))


def _add(totals: dict[str, float], row: dict[str, Any]) -> None:
    for name in SUMS:
        totals[name] = totals.get(name, 0) + (row.get(name) or 0)


def _sums() -> dict[str, Any]:
    return {name: Sum(name) for name in SUMS}


@dataclass
class VolumeReport:
    heatmap: list[list[int]]  # [weekday 0..6][hour 0..23]
    weeks: list[dict[str, Any]]  # {"week": date, channel: contacts, ...}
    departments: list[dict[str, Any]]  # {"department": name, channel: contacts, ..., "total"}
    totals: dict[str, float]
    agent_days: int
    channels: list[tuple[str, Any]] = field(default_factory=list)
    zones: list[str] = field(default_factory=list)  # the local times the hours are in

    @property
    def heat_max(self) -> int:
        return max((max(row) for row in self.heatmap), default=0)

    @property
    def average_handle_seconds(self) -> float | None:
        answered = self.totals.get("answered", 0)
        return self.totals["handle_seconds"] / answered if answered else None

    @property
    def service_level(self) -> float | None:
        offered = self.totals.get("answered", 0) + self.totals.get("abandoned", 0)
        return self.totals["answered_in_target"] / offered if offered else None

    @property
    def abandonment(self) -> float | None:
        offered = self.totals.get("answered", 0) + self.totals.get("abandoned", 0)
        return self.totals["abandoned"] / offered if offered else None

    @property
    def service_level_percent(self) -> float | None:
        return None if self.service_level is None else 100 * self.service_level

    @property
    def abandonment_percent(self) -> float | None:
        return None if self.abandonment is None else 100 * self.abandonment

    @property
    def calls_per_agent_day(self) -> float | None:
        return self.totals.get("answered", 0) / self.agent_days if self.agent_days else None


def volume_report(filters: VolumeFilter) -> VolumeReport:
    """Contacts by hour × weekday, by week and channel, by department and channel, with the
    phone figures behind the headline numbers."""
    watermark = history_watermark()
    history = _history(filters, watermark)
    live = _live_cells(filters, watermark)
    zone_names = department_zones()
    default_zone = _default_zone_name()
    if filters.department is not None:
        groups = {zone_names.get(filters.department.pk, default_zone): [filters.department.pk]}
    else:
        groups = defaultdict(list)
        for pk, name in zone_names.items():
            groups[name].append(pk)
    row: Any

    # Hours and weekdays are each department's local ones: one query per time zone in use.
    heatmap = [[0] * 24 for _ in range(7)]
    weeks: dict[date, dict[str, Any]] = {}
    for name, ids in groups.items():
        zone = ZoneInfo(name)
        rows = history if len(groups) == 1 else history.filter(department_id__in=ids)
        for row in (
            rows.annotate(wd=ExtractIsoWeekDay("hour_start", tzinfo=zone), h=ExtractHour("hour_start", tzinfo=zone))
            .values("wd", "h")
            .annotate(n=Sum("contacts"))
        ):
            heatmap[row["wd"] - 1][row["h"]] += row["n"] or 0
        for row in (
            rows.annotate(week=TruncWeek("hour_start", tzinfo=zone))
            .values("week", "channel")
            .annotate(n=Sum("contacts"))
        ):
            week = row["week"].date() if isinstance(row["week"], datetime) else row["week"]
            entry = weeks.setdefault(week, {"week": week})
            entry[row["channel"]] = entry.get(row["channel"], 0) + row["n"]
    for row in live:
        at = row["hour_start"].astimezone(ZoneInfo(zone_names.get(row["department_id"], default_zone)))
        heatmap[at.weekday()][at.hour] += row["contacts"]

    for row in live:
        at = row["hour_start"].astimezone(ZoneInfo(zone_names.get(row["department_id"], default_zone))).date()
        week = at - timedelta(days=at.weekday())
        entry = weeks.setdefault(week, {"week": week})
        entry[row["channel"]] = entry.get(row["channel"], 0) + row["contacts"]

    names = dict(Department.objects.values_list("id", "name"))
    by_department: dict[int, dict[str, Any]] = {}
    for row in history.values("department_id", "channel").annotate(n=Sum("contacts")):
        entry = by_department.setdefault(row["department_id"], {"department": names.get(row["department_id"], "?")})
        entry[row["channel"]] = entry.get(row["channel"], 0) + row["n"]
    for row in live:
        entry = by_department.setdefault(row["department_id"], {"department": names.get(row["department_id"], "?")})
        entry[row["channel"]] = entry.get(row["channel"], 0) + row["contacts"]
    for entry in by_department.values():
        entry["total"] = sum(entry.get(code, 0) for code in Case.Channel.values)

    totals: dict[str, float] = dict.fromkeys(SUMS, 0)
    _add(totals, history.aggregate(**_sums()))
    for row in live:
        _add(totals, row)
    return VolumeReport(
        heatmap=heatmap,
        weeks=[weeks[k] for k in sorted(weeks)],
        departments=sorted(by_department.values(), key=lambda e: -e["total"]),
        totals=totals,
        agent_days=_agent_days(filters, watermark),
        channels=list(Case.Channel.choices),
        zones=sorted({zone_names.get(pk, default_zone) for pk in by_department} or set(groups)),
    )


def _agent_days(filters: VolumeFilter, watermark: datetime | None) -> int:
    days = AgentDay.objects.filter(day__gte=filters.start, day__lte=filters.end)
    if filters.department is not None:
        days = days.filter(department=filters.department)
    start = filters.start_at
    if watermark is not None:
        # Agent-days of the history, up to the day the history ends; live calls after it.
        last_day = timezone.localtime(watermark - timedelta(hours=1), filters.zone).date()
        days = days.filter(day__lte=last_day)
        start = max(start, timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time.min), filters.zone))
    total = int(days.aggregate(n=Sum("agents"))["n"] or 0)
    calls = CallLog.objects.filter(started_at__gte=start, started_at__lt=filters.end_at)
    if filters.department is not None:
        calls = calls.filter(case__queue__department=filters.department)
    local_day = TruncDate("started_at", tzinfo=filters.zone)
    total += calls.annotate(day=local_day).values("day", "agent_id").distinct().count()
    return total


# --- Forecast and staffing ------------------------------------------------------------


def hourly_counts(*, department: Department, language: str, start: datetime, end: datetime) -> np.ndarray:
    """Contacts per hour in [start, end) for one department and language, all channels."""
    hours = int((end - start).total_seconds() // 3600)
    counts = np.zeros(hours)
    filters = VolumeFilter(
        start=timezone.localtime(start).date(),
        end=timezone.localtime(end).date(),
        department=department,
        language=language,
    )
    watermark = history_watermark()
    history = HourlyVolume.objects.filter(
        department=department, language=language, hour_start__gte=start, hour_start__lt=end
    )
    if watermark is not None:
        history = history.filter(hour_start__lt=watermark)
    for hour, n in history.values("hour_start").annotate(n=Sum("contacts")).values_list("hour_start", "n"):
        index = int((hour - start).total_seconds() // 3600)
        if 0 <= index < hours:
            counts[index] += n
    for row in _live_cells(filters, watermark):
        index = int((row["hour_start"] - start).total_seconds() // 3600)
        if 0 <= index < hours:
            counts[index] += row["contacts"]
    return counts


@dataclass(frozen=True)
class PhoneFigures:
    phone_share: np.ndarray  # by hour of the week
    handle_seconds: float
    patience_seconds: float | None  # None when no abandonment is recorded


def phone_figures(
    *, department: Department, language: str, until: datetime, zone: tzinfo | None = None
) -> PhoneFigures:
    """Recent phone share per local hour of the week, handle time and callers' mean patience
    (hang-ups over total waiting time is the patience rate's maximum-likelihood estimate)."""
    since = until - timedelta(weeks=RECENT_WEEKS_FOR_RATES)
    rows = HourlyVolume.objects.filter(department=department, language=language, hour_start__gte=since)
    phone = np.zeros(168)
    total = np.zeros(168)
    by_hour = rows.annotate(
        wd=ExtractIsoWeekDay("hour_start", tzinfo=zone), h=ExtractHour("hour_start", tzinfo=zone)
    ).values("wd", "h", "channel")
    for row in by_hour.annotate(n=Sum("contacts")):
        slot = (row["wd"] - 1) * 24 + row["h"]
        total[slot] += row["n"] or 0
        if row["channel"] == Case.Channel.PHONE:
            phone[slot] += row["n"] or 0
    overall = phone.sum() / total.sum() if total.sum() else 0.5
    share = np.where(total > 0, phone / np.maximum(total, 1), overall)
    sums = rows.filter(channel=Case.Channel.PHONE).aggregate(**_sums())
    answered = sums["answered"] or 0
    handle = (sums["handle_seconds"] or 0) / answered if answered else DEFAULT_HANDLE_SECONDS
    abandoned = sums["abandoned"] or 0
    wait = sums["wait_seconds"] or 0
    patience = wait / abandoned if abandoned and wait else None
    return PhoneFigures(phone_share=share, handle_seconds=handle, patience_seconds=patience)


@dataclass
class Interval:
    start: datetime
    contacts: float
    calls: float
    agents_on_phone: int
    agents_written: float
    agents_scheduled: int


@dataclass
class PlanningForecast:
    department: Department
    language: str
    actual_start: datetime
    actual: np.ndarray
    forecast: forecasting.Forecast
    backtest: forecasting.Backtest | None
    spike: forecasting.Spike | None
    figures: PhoneFigures
    intervals: list[Interval]
    policy: StaffingPolicy
    model: str
    zone: tzinfo = UTC_ZONE

    def local(self, at: datetime) -> datetime:
        return at.astimezone(self.zone)

    def hourly_requirement(self) -> dict[datetime, int]:
        """Agents to schedule per hour: the busiest quarter-hour of it."""
        need: dict[datetime, int] = defaultdict(int)
        for interval in self.intervals:
            hour = interval.start.replace(minute=0)
            need[hour] = max(need[hour], interval.agents_scheduled)
        return dict(need)


def local_requirement(
    plans: Iterable[PlanningForecast], *, days: list[date], zone: tzinfo
) -> dict[str, dict[str, list[int]]]:
    """Agents to schedule per language, local day and local wall-clock hour 0-23. On the day
    the clocks go forward the skipped hour needs nobody; on the day they go back the repeated
    hour needs the busier of its two occurrences."""
    wanted = {day.isoformat() for day in days}
    requirement: dict[str, dict[str, list[int]]] = {}
    for plan in plans:
        per_day = {day.isoformat(): [0] * 24 for day in days}
        for at, need in plan.hourly_requirement().items():
            local = at.astimezone(zone)
            key = local.date().isoformat()
            if key in wanted:
                per_day[key][local.hour] = max(per_day[key][local.hour], int(need))
        requirement[plan.language] = per_day
    return requirement


def language_options(department: Department) -> list[str]:
    languages = set(HourlyVolume.objects.filter(department=department).values_list("language", flat=True).distinct())
    languages.add(department.language)
    return sorted(languages, key=lambda code: (code != department.language, code))


def planning_forecast(
    *, department: Department, language: str, weeks: int, now: datetime | None = None
) -> PlanningForecast:
    """Forecast the coming weeks per hour and staff each 15-minute interval (cached)."""
    now = (now or timezone.now()).replace(minute=0, second=0, microsecond=0)
    release_key = Release.objects.aggregate(n=Count("id"), last=Max("released_at"), first=Min("released_at"))
    policy = staffing_policy_for(department)
    zone = department_zone(department)
    parts = (department.pk, language, weeks, now.isoformat(), release_key, policy.pk, _policy_key(policy), str(zone))
    key = "workforce:forecast:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    result = _planning_forecast(
        department=department, language=language, weeks=weeks, now=now, policy=policy, zone=zone
    )
    cache.set(key, result, FORECAST_CACHE_SECONDS)
    return result


def _policy_key(policy: StaffingPolicy) -> str:
    return f"{policy.service_level}/{policy.answer_within_seconds}/{policy.shrinkage}/{policy.written_handle_seconds}"


def _planning_forecast(
    *, department: Department, language: str, weeks: int, now: datetime, policy: StaffingPolicy, zone: tzinfo
) -> PlanningForecast:
    history_start = now - timedelta(weeks=HISTORY_WEEKS)
    counts = hourly_counts(department=department, language=language, start=history_start, end=now)
    releases = [r.released_at for r in Release.objects.filter(major=True)]
    # Up to the end of the last whole local week asked for (a week with a clock change has
    # 167 or 169 hours).
    local_now = now.astimezone(zone)
    next_monday = local_now.date() + timedelta(days=7 - local_now.weekday())
    end = datetime.combine(next_monday + timedelta(weeks=weeks), time.min, tzinfo=zone)
    horizon = int((end - now).total_seconds() // 3600)
    figures = phone_figures(department=department, language=language, until=now, zone=zone)
    nonzero = np.flatnonzero(counts)
    if len(nonzero) == 0 or len(counts) - nonzero[0] < 2 * 168:
        empty = np.zeros(horizon)
        result = forecasting.Forecast(start=now, mean=empty, lower=empty, upper=empty)
        backtest, spike, model_name = None, None, "none"
    else:
        first = int(nonzero[0])
        start = history_start + timedelta(hours=first)
        model = forecasting.fit(start=start, counts=counts[first:], releases=releases, zone=zone)
        result = model.predict(start=now, hours=horizon, releases=releases)
        backtest = forecasting.backtest(
            start=start,
            counts=counts[first:],
            releases=releases,
            zone=zone,
            decay_hours=model.spike.decay_hours if model.spike else None,
        )
        spike, model_name = model.spike, "glm"
    intervals = staffing_intervals(forecast=result, figures=figures, policy=policy, zone=zone)
    shown = 2 * 168
    return PlanningForecast(
        department=department,
        language=language,
        actual_start=now - timedelta(hours=shown),
        actual=counts[-shown:],
        forecast=result,
        backtest=backtest,
        spike=spike,
        figures=figures,
        intervals=intervals,
        policy=policy,
        model=model_name,
        zone=zone,
    )


@lru_cache(maxsize=65536)
def _agents_needed(
    calls_per_interval: float, handle_seconds: float, target: int, level: float, patience: float | None
) -> int:
    rate = calls_per_interval / (INTERVAL_MINUTES * 60)
    return erlang.agents_for_service_level(
        rate=rate, handle_seconds=handle_seconds, target_seconds=target, service_level=level, patience_seconds=patience
    )


def staffing_intervals(
    *, forecast: forecasting.Forecast, figures: PhoneFigures, policy: StaffingPolicy, zone: tzinfo | None = None
) -> list[Interval]:
    """Per 15-minute interval: Erlang A (or C without abandonment data) agents on the phone
    for the calls, plain workload for written contacts, and shrinkage on top of both."""
    intervals = []
    handle = round(figures.handle_seconds)
    patience = round(figures.patience_seconds) if figures.patience_seconds else None
    local = zone or timezone.get_current_timezone()
    for index, hourly in enumerate(forecast.mean):
        hour = forecast.start + timedelta(hours=index)
        at = hour.astimezone(local)
        share = float(figures.phone_share[at.weekday() * 24 + at.hour])
        contacts = float(hourly) / INTERVALS_AN_HOUR
        calls = round(contacts * share, 2)
        written = contacts - calls
        on_phone = _agents_needed(calls, handle, policy.answer_within_seconds, policy.service_level, patience)
        written_agents = written * policy.written_handle_seconds / (INTERVAL_MINUTES * 60)
        scheduled = math.ceil((on_phone + written_agents) / (1 - policy.shrinkage) - 1e-9)
        for quarter in range(INTERVALS_AN_HOUR):
            intervals.append(
                Interval(
                    start=hour + timedelta(minutes=INTERVAL_MINUTES * quarter),
                    contacts=contacts,
                    calls=calls,
                    agents_on_phone=on_phone,
                    agents_written=written_agents,
                    agents_scheduled=scheduled,
                )
            )
    return intervals


def release_list() -> QuerySet[Release]:
    return Release.objects.order_by("-released_at", "-pk")


# --- Schedules --------------------------------------------------------------------------


def schedule_list(*, department: Department) -> QuerySet[Schedule]:
    return (
        Schedule.objects.filter(department=department)
        .annotate(shift_count=Count("shifts"))
        .order_by("-starts_on", "-pk")
    )


def schedule_for_planner(*, user: Any, pk: int) -> Schedule:
    if not is_planner(user):
        raise_404()
    return get_object_or_404(Schedule.objects.select_related("department"), pk=pk)


def schedule_agents(department: Department, languages: Iterable[str] | None = None) -> QuerySet[User]:
    """The agents a department's roster draws on: its agents who speak at least one of the
    languages it takes contacts in (managers who also hold an agent profile plan the roster
    rather than sit in it)."""
    wanted = set(languages if languages is not None else language_options(department))
    agents = User.objects.filter(
        agent_profile__departments=department, is_active=True, groups__name=Role.AGENT.value
    ).select_related("agent_profile")
    ids = [u.pk for u in agents if wanted & set(u.agent_profile.languages or [])]
    return User.objects.filter(pk__in=ids).select_related("agent_profile").order_by("first_name", "last_name", "email")


def agent_languages(agent: User) -> frozenset[str]:
    profile = getattr(agent, "agent_profile", None)
    return frozenset(profile.languages or []) if profile is not None else frozenset()


def wishes_by_agent(*, agents: Iterable[User]) -> dict[int, list[Wish]]:
    wishes: dict[int, list[Wish]] = defaultdict(list)
    for wish in Wish.objects.filter(agent__in=list(agents)):
        wishes[wish.agent_id].append(wish)
    return wishes


def agent_wishes(*, agent: User, days: list[date], wishes: list[Wish]) -> scheduling.AgentWishes:
    index = {day: i for i, day in enumerate(days)}
    return scheduling.AgentWishes(
        key=agent.pk,
        languages=agent_languages(agent),
        days_off=frozenset(index[w.day] for w in wishes if w.kind == Wish.Kind.DAY_OFF and w.day in index),
        preferred_shifts=frozenset(w.shift for w in wishes if w.kind == Wish.Kind.PREFERRED_SHIFT),
        weekly_hours=min(
            (w.weekly_hours for w in wishes if w.kind == Wish.Kind.WEEKLY_HOURS and w.weekly_hours), default=None
        ),
    )


def schedule_problem(schedule: Schedule, *, agents: list[User] | None = None) -> scheduling.Problem:
    """The schedule's planning problem: its requirement, its agents and their wishes."""
    days = schedule.days
    agents = agents if agents is not None else list(schedule_agents(schedule.department, schedule.requirement))
    wishes = wishes_by_agent(agents=agents)
    requirement = {
        language: [[int(per_day.get(day.isoformat(), [0] * 24)[h]) for h in range(24)] for day in days]
        for language, per_day in schedule.requirement.items()
    }
    return scheduling.Problem(
        days=len(days),
        requirement=requirement,
        agents=[agent_wishes(agent=a, days=days, wishes=wishes.get(a.pk, [])) for a in agents],
        shifts={str(kind): hours for kind, hours in SHIFT_HOURS.items()},
    )


def schedule_roster(schedule: Schedule) -> scheduling.Roster:
    index = {day: i for i, day in enumerate(schedule.days)}
    return {
        (s.agent_id, index[s.day]): scheduling.Duty(s.kind, s.language) for s in schedule.shifts.all() if s.day in index
    }


def breach_messages(*, breaches: Iterable[scheduling.Breach], days: list[date], agents: Iterable[User]) -> list[str]:
    """The broken labour rules in the reader's language, naming the agent and the dates."""
    names = {agent.pk: agent.get_full_name() or agent.email for agent in agents}

    def day(index: int | None) -> str:
        if index is None or not 0 <= index < len(days):
            return "?"
        return date_format(days[index], "SHORT_DATE_FORMAT")

    def language(code: Any) -> str:
        try:
            return str(get_language_info(str(code))["name_translated"])
        except KeyError:
            return str(code)

    messages = []
    for breach in breaches:
        values = {
            "agent": names.get(breach.agent, str(breach.agent)),
            "day": day(breach.day),
            "week": day(None if breach.week is None else breach.week * 7),
            "limit": breach.limit,
            "hours": breach.value,
        }
        text = {
            "not_in_schedule": _("%(agent)s is not part of this schedule."),
            "outside": _("%(agent)s has a shift outside the schedule."),
            "unknown_shift": _("%(agent)s has an unknown shift on %(day)s."),
            "language": _("%(agent)s does not speak %(language)s (%(day)s)."),
            "weekly_hours": _("%(agent)s works %(hours)s h in the week from %(week)s (at most %(limit)s h)."),
            "rest": _("%(agent)s has less than %(limit)s h rest after %(day)s."),
            "consecutive": _("%(agent)s works more than %(limit)s days in a row (up to %(day)s)."),
            "weekend": _("%(agent)s has no weekend off in the %(limit)s weeks from %(week)s."),
        }[breach.rule]
        messages.append(text % {**values, "language": language(breach.value)})
    return messages


@dataclass
class ScheduleView:
    schedule: Schedule
    agents: list[User]
    rows: list[dict[str, Any]]  # per agent: user, languages, cells (per day: shift and language), hours, wishes
    coverage: dict[str, list[list[int]]]  # per language
    requirement: dict[str, list[list[int]]]  # per language
    shortfall_hours: int
    violations: list[str]
    zone: tzinfo = UTC_ZONE

    @property
    def languages(self) -> list[str]:
        return sorted(self.requirement)

    @property
    def multilingual(self) -> bool:
        return len(self.requirement) > 1

    def shortfall_of(self, language: str) -> int:
        """Agent-hours of the language's requirement nobody speaking it covers."""
        need, cover = self.requirement[language], self.coverage[language]
        return sum(
            max(0, n - c)
            for need_row, cover_row in zip(need, cover, strict=True)
            for n, c in zip(need_row, cover_row, strict=True)
        )


def schedule_view(schedule: Schedule) -> ScheduleView:
    agents = list(schedule_agents(schedule.department, schedule.requirement))
    problem = schedule_problem(schedule, agents=agents)
    roster = schedule_roster(schedule)
    rows = []
    for agent, wishes in zip(agents, problem.agents, strict=True):
        duties = [roster.get((agent.pk, d)) for d in range(problem.days)]
        outcome = scheduling.wish_outcome(problem, wishes, roster)
        rows.append(
            {
                "agent": agent,
                "languages": sorted(wishes.languages),
                "cells": [_cell(duty) for duty in duties],
                "hours": sum(SHIFT_HOURS[d.kind][1] for d in duties if d),
                "wishes": outcome,
            }
        )
    return ScheduleView(
        schedule=schedule,
        agents=agents,
        rows=rows,
        coverage=scheduling.coverage(problem, roster),
        requirement={language: [list(r) for r in rows] for language, rows in problem.requirement.items()},
        shortfall_hours=scheduling.shortfall_hours(problem, roster),
        violations=breach_messages(
            breaches=scheduling.rule_breaches(problem, roster), days=schedule.days, agents=agents
        ),
        zone=department_zone(schedule.department),
    )


def _cell(duty: scheduling.Duty | None) -> dict[str, Any]:
    if not duty:
        return {"kind": "", "label": "", "language": ""}
    start, length = SHIFT_HOURS[duty.kind]
    return {
        "kind": duty.kind,
        "start": start,
        "end": start + length,
        "label": ShiftKind(duty.kind).label,
        "language": duty.language,
    }


@dataclass
class MySchedule:
    shifts: list[Shift]
    wishes: list[Wish]
    granted: int
    total: int

    @property
    def share(self) -> float | None:
        return self.granted / self.total if self.total else None

    @property
    def share_percent(self) -> float | None:
        return None if self.share is None else 100 * self.share


def my_schedule(*, agent: User, today: date | None = None) -> MySchedule:
    """The agent's published shifts from today on, and how many of their wishes the
    published schedules granted."""
    today = today or timezone.localdate()
    published = Schedule.objects.filter(status=Schedule.Status.PUBLISHED, shifts__agent=agent).distinct()
    published = published.filter(starts_on__gte=today - timedelta(weeks=8))
    granted = total = 0
    for schedule in published:
        problem = schedule_problem(schedule, agents=[agent])
        outcome = scheduling.wish_outcome(problem, problem.agents[0], schedule_roster(schedule))
        granted += outcome.granted
        total += outcome.total
    shifts = list(
        Shift.objects.filter(agent=agent, schedule__status=Schedule.Status.PUBLISHED, day__gte=today)
        .select_related("schedule__department")
        .order_by("day")
    )
    zones = department_zones()
    default = _default_zone_name()
    for shift in shifts:
        # The hours are the department's wall clock; the agent sees which zone that is.
        shift.zone_name = zones.get(shift.schedule.department_id, default)  # type: ignore[attr-defined]
    return MySchedule(shifts=shifts, wishes=list(Wish.objects.filter(agent=agent)), granted=granted, total=total)


# --- Live dashboard ---------------------------------------------------------------------

SLA_WARNING = timedelta(hours=2)


@dataclass
class Dashboard:
    department: Department
    open_cases: int
    waiting_calls: int
    calls_in_progress: int
    agents_on_shift: int
    agents_available: int
    service_level_today: float | None
    answered_today: int
    breaches_soon: list[Case]
    overdue: int
    at: datetime
    zone_name: str = "UTC"
    # language -> (available, on shift): a caller in a language waits for its speakers.
    agents_by_language: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def service_level_percent(self) -> float | None:
        return None if self.service_level_today is None else 100 * self.service_level_today


def department_dashboard(*, department: Department, now: datetime | None = None) -> Dashboard:
    """Right now in one department: open cases, phone contacts nobody has called back yet,
    agents on shift and free, today's service level and the first responses about to breach."""
    now = now or timezone.now()
    zone = department_zone(department)
    local = now.astimezone(zone)
    open_cases = Case.objects.filter(queue__department=department, status__in=Case.OPEN_STATUSES)
    today_start = datetime.combine(local.date(), time.min, tzinfo=zone)
    waiting_calls = open_cases.filter(channel=Case.Channel.PHONE, calls__isnull=True).count()
    in_progress = CallLog.objects.filter(case__queue__department=department, ended_at__isnull=True)
    busy = set(in_progress.values_list("agent_id", flat=True))
    # Shifts are the department's local wall clock; each answers in one language.
    on_shift_in: dict[int, str] = {
        agent_id: language
        for agent_id, kind, language in Shift.objects.filter(
            schedule__department=department, schedule__status=Schedule.Status.PUBLISHED, day=local.date()
        ).values_list("agent_id", "kind", "language")
        if SHIFT_HOURS[kind][0] <= local.hour < SHIFT_HOURS[kind][0] + SHIFT_HOURS[kind][1]
    }
    on_shift = set(on_shift_in)
    by_language: dict[str, list[int]] = {}
    for agent_id, language in on_shift_in.items():
        counts = by_language.setdefault(language, [0, 0])
        counts[0] += agent_id not in busy
        counts[1] += 1
    target = staffing_policy_for(department).answer_within_seconds
    phone_today = Case.objects.filter(
        queue__department=department, channel=Case.Channel.PHONE, created_at__gte=today_start, created_at__lte=now
    ).annotate(first_call=Min("calls__started_at"))
    answered = [c for c in phone_today.values("created_at", "first_call") if c["first_call"] is not None]
    within = sum((c["first_call"] - c["created_at"]).total_seconds() <= target for c in answered)
    offered = phone_today.count()
    unanswered = open_cases.filter(first_responded_at__isnull=True)
    return Dashboard(
        department=department,
        open_cases=open_cases.count(),
        waiting_calls=waiting_calls,
        calls_in_progress=len(busy),
        agents_on_shift=len(on_shift),
        agents_available=len(on_shift - busy),
        agents_by_language=[(code, free, total) for code, (free, total) in sorted(by_language.items())],
        service_level_today=within / offered if offered else None,
        answered_today=len(answered),
        breaches_soon=list(
            unanswered.filter(first_response_due__gte=now, first_response_due__lt=now + SLA_WARNING)
            .select_related("queue")
            .order_by("first_response_due")[:10]
        ),
        overdue=unanswered.filter(first_response_due__lt=now).count(),
        at=now,
        zone_name=str(zone),
    )
