"""Writes for workforce planning. Every planner action is audited in its own transaction."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Min
from django.db.models.functions import TruncHour
from django.utils import timezone
from django.utils.translation import gettext as _

from caselog.accounts.models import User
from caselog.audit.services import audit_record
from caselog.cases.models import CallLog, Case, Department
from caselog.workforce import scheduling, selectors
from caselog.workforce.models import (
    SHIFT_HOURS,
    AgentDay,
    HourlyVolume,
    Release,
    Schedule,
    Shift,
    StaffingPolicy,
    Wish,
)

DEFAULT_SOLVER_SECONDS = 10.0


def _check_planner(actor: Any) -> None:
    if not selectors.is_planner(actor):
        raise PermissionDenied


def staffing_policy_update(
    *,
    actor: User,
    department: Department,
    service_level: float,
    answer_within_seconds: int,
    shrinkage: float,
    written_handle_seconds: int,
) -> StaffingPolicy:
    """Change the department's service-level target and planning assumptions."""
    _check_planner(actor)
    with transaction.atomic():
        policy, _created = StaffingPolicy.objects.select_for_update().get_or_create(department=department)
        before = {
            "service_level": policy.service_level,
            "answer_within_seconds": policy.answer_within_seconds,
            "shrinkage": policy.shrinkage,
            "written_handle_seconds": policy.written_handle_seconds,
        }
        policy.service_level = service_level
        policy.answer_within_seconds = answer_within_seconds
        policy.shrinkage = shrinkage
        policy.written_handle_seconds = written_handle_seconds
        policy.save()
        after = {name: getattr(policy, name) for name in before}
        audit_record(actor=actor, action="workforce.policy_update", target=policy, before=before, after=after)
    return policy


def release_create(*, actor: User, name: str, released_at: datetime, major: bool) -> Release:
    """Put a release on the calendar; the forecast adds its learned spike."""
    _check_planner(actor)
    with transaction.atomic():
        release = Release.objects.create(name=name, released_at=released_at, major=major)
        audit_record(
            actor=actor,
            action="workforce.release_create",
            target=release,
            after={"name": name, "released_at": released_at, "major": major},
        )
    return release


def release_delete(*, actor: User, release: Release) -> None:
    _check_planner(actor)
    with transaction.atomic():
        audit_record(actor=actor, action="workforce.release_delete", target=release, before={"name": release.name})
        release.delete()


def wish_create(
    *, agent: User, kind: str, day: date | None = None, shift: str = "", weekly_hours: int | None = None
) -> Wish:
    """An agent states a wish for the coming schedules."""
    if not hasattr(agent, "agent_profile"):
        raise PermissionDenied
    if kind == Wish.Kind.DAY_OFF and day is None:
        raise ValidationError({"day": _("Choose the day you would like off.")})
    if kind == Wish.Kind.PREFERRED_SHIFT and shift not in SHIFT_HOURS:
        raise ValidationError({"shift": _("Choose a shift.")})
    if kind == Wish.Kind.WEEKLY_HOURS and not weekly_hours:
        raise ValidationError({"weekly_hours": _("Give the hours a week.")})
    with transaction.atomic():
        wish = Wish.objects.create(
            agent=agent,
            kind=kind,
            day=day if kind == Wish.Kind.DAY_OFF else None,
            shift=shift if kind == Wish.Kind.PREFERRED_SHIFT else "",
            weekly_hours=weekly_hours if kind == Wish.Kind.WEEKLY_HOURS else None,
        )
        audit_record(actor=agent, action="workforce.wish_create", target=wish, after={"kind": kind})
    return wish


def wish_delete(*, agent: User, wish: Wish) -> None:
    if wish.agent_id != agent.pk:
        raise PermissionDenied
    with transaction.atomic():
        audit_record(actor=agent, action="workforce.wish_delete", target=wish, before={"kind": wish.kind})
        wish.delete()


def requirement_for(*, department: Department, starts_on: date, weeks: int) -> dict[str, dict[str, list[int]]]:
    """Agents to schedule per language the department takes contacts in, per local day and
    local hour over the schedule's weeks, from each language's forecast."""
    zone = selectors.department_zone(department)
    local_today = timezone.now().astimezone(zone).date()
    ahead = max(0, (starts_on - local_today).days // 7)
    plans = [
        selectors.planning_forecast(department=department, language=language, weeks=ahead + weeks + 1)
        for language in selectors.language_options(department)
    ]
    days = [starts_on + timedelta(days=offset) for offset in range(7 * weeks)]
    return selectors.local_requirement(plans, days=days, zone=zone)


def schedule_propose(
    *,
    actor: User,
    department: Department,
    starts_on: date,
    weeks: int,
    requirement: dict[str, dict[str, list[int]]] | None = None,
    time_limit_seconds: float = DEFAULT_SOLVER_SECONDS,
) -> Schedule:
    """Let the solver propose a draft roster that covers the staffing requirement."""
    _check_planner(actor)
    if starts_on.weekday() != 0:
        raise ValidationError({"starts_on": _("Choose a Monday.")})
    if requirement is None:
        requirement = requirement_for(department=department, starts_on=starts_on, weeks=weeks)
    schedule = Schedule(
        department=department, starts_on=starts_on, weeks=weeks, requirement=requirement, created_by=actor
    )
    problem = selectors.schedule_problem(schedule)
    solution = scheduling.solve(problem, time_limit_seconds=time_limit_seconds)
    days = schedule.days
    with transaction.atomic():
        schedule.solver_status = solution.status
        schedule.solve_seconds = solution.seconds
        schedule.save()
        Shift.objects.bulk_create(
            Shift(schedule=schedule, agent_id=agent_id, day=days[d], kind=duty.kind, language=duty.language)
            for (agent_id, d), duty in solution.roster.items()
        )
        audit_record(
            actor=actor,
            action="workforce.schedule_propose",
            target=schedule,
            after={"shifts": len(solution.roster), "shortfall_hours": solution.shortfall_hours},
        )
    return schedule


def shift_set(
    *, actor: User, schedule: Schedule, agent: User, day: date, kind: str, language: str = ""
) -> Shift | None:
    """The planner changes one agent's day (kind "" = day off) and the language they answer
    in (by default the first of the schedule's languages they speak). Refused if it would break
    a labour rule or the agent does not speak the language; a published schedule goes back to
    draft until published again."""
    _check_planner(actor)
    if day not in schedule.days:
        raise ValidationError({"day": _("That day is not part of this schedule.")})
    if kind and kind not in SHIFT_HOURS:
        raise ValidationError({"kind": _("Unknown shift.")})
    agents = list(selectors.schedule_agents(schedule.department, schedule.requirement))
    if agent not in agents:
        raise ValidationError({"agent": _("This agent is not part of this department's roster.")})
    problem = selectors.schedule_problem(schedule, agents=agents)
    speaks = selectors.agent_languages(agents[agents.index(agent)])
    if kind and not language:
        language = next((code for code in problem.languages if code in speaks), "")
    if kind and language not in speaks:
        raise ValidationError({"language": _("This agent does not speak that language.")})
    if kind and language not in problem.requirement:
        raise ValidationError({"language": _("This schedule plans no contacts in that language.")})
    roster = selectors.schedule_roster(schedule)
    index = schedule.days.index(day)
    previous = roster.get((agent.pk, index))
    before = {"kind": previous.kind, "language": previous.language} if previous else {"kind": ""}
    if kind:
        roster[agent.pk, index] = scheduling.Duty(kind, language)
    else:
        roster.pop((agent.pk, index), None)
    breaches = [b for b in scheduling.rule_breaches(problem, roster) if b.agent == agent.pk]
    if breaches:
        raise ValidationError(
            {"kind": selectors.breach_messages(breaches=breaches, days=schedule.days, agents=[agent])}
        )
    with transaction.atomic():
        Shift.objects.filter(schedule=schedule, agent=agent, day=day).delete()
        shift = (
            Shift.objects.create(schedule=schedule, agent=agent, day=day, kind=kind, language=language)
            if kind
            else None
        )
        if schedule.status == Schedule.Status.PUBLISHED:
            schedule.status = Schedule.Status.DRAFT
            schedule.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="workforce.shift_set",
            target=schedule,
            before={"agent": agent.pk, "day": day, **before},
            after={"agent": agent.pk, "day": day, "kind": kind, "language": language if kind else ""},
        )
    return shift


def schedule_publish(*, actor: User, schedule: Schedule) -> Schedule:
    """Publish the roster to its agents; an earlier published roster of the same weeks is
    withdrawn so that each agent sees one schedule."""
    _check_planner(actor)
    agents = list(selectors.schedule_agents(schedule.department, schedule.requirement))
    problem = selectors.schedule_problem(schedule, agents=agents)
    breaches = scheduling.rule_breaches(problem, selectors.schedule_roster(schedule))
    if breaches:
        raise ValidationError(selectors.breach_messages(breaches=breaches, days=schedule.days, agents=agents))
    with transaction.atomic():
        overlapping = Schedule.objects.filter(
            department=schedule.department,
            status=Schedule.Status.PUBLISHED,
            starts_on__lte=schedule.ends_on,
        ).exclude(pk=schedule.pk)
        withdrawn = [s.pk for s in overlapping if s.ends_on >= schedule.starts_on]
        Schedule.objects.filter(pk__in=withdrawn).update(status=Schedule.Status.DRAFT, published_at=None)
        schedule.status = Schedule.Status.PUBLISHED
        schedule.published_at = timezone.now()
        schedule.save(update_fields=["status", "published_at"])
        audit_record(actor=actor, action="workforce.schedule_publish", target=schedule, after={"withdrawn": withdrawn})
    return schedule


def volume_rollup(*, until: datetime | None = None) -> int:
    """Fold completed hours of live cases and calls into HourlyVolume (and AgentDay), from
    where the history ends up to `until`; idempotent. Returns the hours written."""
    until = (until or timezone.now()).replace(minute=0, second=0, microsecond=0)
    since = selectors.history_watermark()
    if since is None:
        first = Case.objects.aggregate(first=Min("created_at"))["first"]
        if first is None:
            return 0
        since = first.replace(minute=0, second=0, microsecond=0)
    if since >= until:
        return 0
    local_since = timezone.localtime(since).date()
    filters = selectors.VolumeFilter(start=local_since, end=timezone.localtime(until).date())
    cells = [c for c in selectors._live_cells(filters, since) if c["hour_start"] < until]
    with transaction.atomic():
        for cell in cells:
            HourlyVolume.objects.update_or_create(
                department_id=cell["department_id"],
                channel=cell["channel"],
                language=cell["language"],
                hour_start=cell["hour_start"],
                defaults={name: cell[name] for name in selectors.SUMS},
            )
        days = (
            CallLog.objects.filter(started_at__gte=since, started_at__lt=until)
            .annotate(hour=TruncHour("started_at"))
            .values("case__queue__department_id", "agent_id", "started_at")
        )
        per_day: dict[tuple[int, date], set[int]] = {}
        zones = selectors.department_zones()
        for call in days:
            department_id = call["case__queue__department_id"]
            zone = ZoneInfo(zones.get(department_id) or settings.TIME_ZONE)
            key = (department_id, call["started_at"].astimezone(zone).date())
            per_day.setdefault(key, set()).add(call["agent_id"])
        for (department_id, day), agents in per_day.items():
            AgentDay.objects.update_or_create(department_id=department_id, day=day, defaults={"agents": len(agents)})
        # Mark the watermark even for quiet hours, so the next run starts after them.
        if not cells and Department.objects.exists():
            department = Department.objects.order_by("pk").first()
            assert department is not None
            HourlyVolume.objects.get_or_create(
                department=department,
                channel=Case.Channel.WEB,
                language=department.language,
                hour_start=until - timedelta(hours=1),
            )
    return len({c["hour_start"] for c in cells})
