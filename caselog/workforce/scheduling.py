"""Rostering with OR-Tools CP-SAT: choose at most one shift a day per agent, and the language
the agent answers in during it, so that the agents on duty cover the staffing requirement of
every hour in every language, never breaking a labour rule and granting as many wishes as the
requirement allows. An agent only ever covers a language they speak (a Russian-language call
can only go to a Russian-speaking agent). Days and hours are the department's local wall
clock: a shift 07-15 is 07-15 local time also on the days the clocks change.

Pure data in, pure data out (no ORM) so that property tests can throw random problems at it;
`rule_violations` checks a roster against the rules independently of the solver."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

HOURS_A_DAY = 24
DAYS_A_WEEK = 7
SATURDAY, SUNDAY = 5, 6

# Objective weights: a missing agent-hour costs far more than a refused wish, which costs
# more than an agent-hour scheduled beyond the need.
SHORTFALL_WEIGHT = 100
DAY_OFF_WEIGHT = 30
WEEKLY_HOURS_WEIGHT = 30
PREFERRED_SHIFT_WEIGHT = 6
HOUR_COST = 1


@dataclass(frozen=True)
class LabourRules:
    max_weekly_hours: int = 40
    min_rest_hours: int = 11
    max_consecutive_days: int = 6
    # Every agent has at least one whole weekend off in every run of this many weeks.
    weekend_rotation_weeks: int = 2


@dataclass(frozen=True)
class AgentWishes:
    key: int
    languages: frozenset[str] = frozenset()
    days_off: frozenset[int] = frozenset()
    preferred_shifts: frozenset[str] = frozenset()
    weekly_hours: int | None = None


Requirement = Mapping[str, Sequence[Sequence[int]]]
"""language -> [day][hour] agents on duty answering in that language."""


@dataclass(frozen=True)
class Problem:
    """`days` from a Monday (a multiple of 7); requirement[language][day][hour] agents on duty."""

    days: int
    requirement: Requirement
    agents: Sequence[AgentWishes]
    shifts: Mapping[str, tuple[int, int]]
    rules: LabourRules = field(default_factory=LabourRules)

    def __post_init__(self) -> None:
        if self.days <= 0 or self.days % DAYS_A_WEEK:
            raise ValueError("a schedule covers whole weeks")
        for rows in self.requirement.values():
            if len(rows) != self.days or any(len(row) != HOURS_A_DAY for row in rows):
                raise ValueError("requirement must have 24 hours for every day")
        for start, length in self.shifts.values():
            if not (start >= 0 and start + length <= HOURS_A_DAY and length > 0):
                raise ValueError("a shift starts and ends within its day")

    @property
    def weeks(self) -> int:
        return self.days // DAYS_A_WEEK

    @property
    def languages(self) -> list[str]:
        return sorted(self.requirement)

    def usable_languages(self, agent: AgentWishes) -> list[str]:
        """The requirement's languages this agent speaks: the only ones they may cover."""
        return [language for language in self.languages if language in agent.languages]


class Duty(NamedTuple):
    kind: str
    language: str


Roster = dict[tuple[int, int], Duty]
"""(agent key, day index) -> the shift and the language answered in it; days not in the
roster are days off."""


@dataclass(frozen=True)
class Solution:
    roster: Roster
    status: str
    seconds: float
    shortfall_hours: int
    objective: float


def forbidden_successions(shifts: Mapping[str, tuple[int, int]], min_rest_hours: int) -> set[tuple[str, str]]:
    """Pairs (today's shift, tomorrow's shift) that leave less rest than the rules ask."""
    pairs = set()
    for first, (start1, length1) in shifts.items():
        for second, (start2, _length2) in shifts.items():
            if HOURS_A_DAY + start2 - (start1 + length1) < min_rest_hours:
                pairs.add((first, second))
    return pairs


def greedy_roster(problem: Problem) -> Roster:
    """A quick rule-keeping roster: day by day, give the shift and language that cover the most
    still uncovered need to the agent with the fewest hours, weekends alternating by agent. The
    solver starts from it (and falls back on it if the time runs out before its first answer)."""
    rules = problem.rules
    roster: Roster = {}
    hours_in_week: dict[tuple[int, int], int] = {}
    on_duty = {language: [[0] * HOURS_A_DAY for _ in range(problem.days)] for language in problem.languages}
    forbidden = forbidden_successions(problem.shifts, rules.min_rest_hours)
    for d in range(problem.days):
        week, weekday = divmod(d, DAYS_A_WEEK)
        for agent in sorted(
            problem.agents, key=lambda a: (sum(v for (k, _w), v in hours_in_week.items() if k == a.key), a.key)
        ):
            a = agent.key
            if weekday in (SATURDAY, SUNDAY) and (week + a) % rules.weekend_rotation_weeks == 0:
                continue
            run = 0
            while d - run - 1 >= 0 and (a, d - run - 1) in roster:
                run += 1
            if run >= rules.max_consecutive_days:
                continue
            best: Duty | None = None
            best_gain = 0
            for language in problem.usable_languages(agent):
                need, cover = problem.requirement[language][d], on_duty[language][d]
                for kind, (start, length) in problem.shifts.items():
                    if hours_in_week.get((a, week), 0) + length > rules.max_weekly_hours:
                        continue
                    if (a, d - 1) in roster and (roster[a, d - 1].kind, kind) in forbidden:
                        continue
                    gain = sum(1 for h in range(start, start + length) if cover[h] < need[h])
                    if gain > best_gain or (gain == best_gain and best is not None and kind in agent.preferred_shifts):
                        best, best_gain = Duty(kind, language), gain
            if best is None or best_gain * 2 < problem.shifts[best.kind][1]:
                continue
            roster[a, d] = best
            start, length = problem.shifts[best.kind]
            hours_in_week[a, week] = hours_in_week.get((a, week), 0) + length
            for h in range(start, start + length):
                on_duty[best.language][d][h] += 1
    return roster


def solve(
    problem: Problem, *, time_limit_seconds: float = 10.0, workers: int = 2, seed: int = 0, window_weeks: int = 1
) -> Solution:
    """Propose a roster; the best found within the time limit (every roster it returns keeps
    every hard rule, since doing nothing at all is always allowed).

    The weeks are solved one window of `window_weeks` after another, each with the weeks
    before it fixed: every rule and wish is about a day, a week or neighbouring days and
    weeks, so the rules that reach back (rest after yesterday's shift, days in a row, weekends
    off in rotation) are posed against the fixed past. Small models find much better rosters
    in the same time than one model of every week (measured with workforce_benchmark); time a
    window leaves unused passes to the next."""
    started = time.perf_counter()
    start_roster = greedy_roster(problem)
    if rule_violations(problem, start_roster):  # pragma: no cover - the greedy keeps the rules
        start_roster = {}
    # Imported here: OR-Tools is large and only the planner's requests and commands need it,
    # not every web process.
    from ortools.sat.python import cp_model

    roster: Roster = {}
    statuses: list[str] = []
    objective = 0.0
    window_weeks = max(1, window_weeks)
    firsts = list(range(0, problem.weeks, window_weeks))
    for number, first_week in enumerate(firsts):
        first, last = first_week * DAYS_A_WEEK, min(problem.weeks, first_week + window_weeks) * DAYS_A_WEEK
        remaining = time_limit_seconds - (time.perf_counter() - started)
        budget = max(0.2, remaining / (len(firsts) - number))
        part = _solve_window(
            problem,
            first=first,
            last=last,
            fixed=roster,
            hint=start_roster,
            time_limit_seconds=budget,
            workers=workers,
            seed=seed,
        )
        if part is not None:
            window_roster, status, value = part
            objective += value
        else:  # no answer in time: the greedy's days if they fit the fixed past, else none
            window_roster = {key: duty for key, duty in start_roster.items() if first <= key[1] < last}
            if rule_violations(problem, {**roster, **window_roster}):
                window_roster = {}
            status = cp_model.CpSolver().status_name(cp_model.UNKNOWN)
            objective = float("inf")
        statuses.append(status)
        roster.update(window_roster)
    if all(status == "OPTIMAL" for status in statuses):
        overall = "OPTIMAL" if len(statuses) == 1 else "OPTIMAL_EACH_WEEK"
    elif "UNKNOWN" in statuses:
        overall = "UNKNOWN"
    else:
        overall = "FEASIBLE"
    return Solution(
        roster=roster,
        status=overall,
        seconds=time.perf_counter() - started,
        shortfall_hours=shortfall_hours(problem, roster),
        objective=objective,
    )


def _solve_window(
    problem: Problem,
    *,
    first: int,
    last: int,
    fixed: Roster,
    hint: Roster,
    time_limit_seconds: float,
    workers: int,
    seed: int,
) -> tuple[Roster, str, float] | None:
    """The CP-SAT model of days [first, last) (whole weeks) after the fixed days before them."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    rules = problem.rules
    kinds = list(problem.shifts)
    days = range(first, last)
    weeks = range(first // DAYS_A_WEEK, last // DAYS_A_WEEK)
    forbidden = forbidden_successions(problem.shifts, rules.min_rest_hours)
    # x[a, d, kind, language]: agent a works `kind` on day d answering in `language`; only
    # languages the agent speaks get a variable, so no other assignment can exist.
    x: dict[tuple[int, int, str, str], cp_model.IntVar] = {}
    shift_of: dict[tuple[int, int, str], list[cp_model.IntVar]] = {}
    works: dict[tuple[int, int], cp_model.IntVar] = {}
    objective: list[cp_model.LinearExprT] = []
    hints: list[tuple[cp_model.IntVar, int | bool]] = []
    hint_cover = coverage(problem, hint)

    for agent in problem.agents:
        a = agent.key
        languages = problem.usable_languages(agent)
        for d in days:
            for kind in kinds:
                shift_of[a, d, kind] = []
                for language in languages:
                    var = model.new_bool_var(f"x_{a}_{d}_{kind}_{language}")
                    x[a, d, kind, language] = var
                    shift_of[a, d, kind].append(var)
                    objective.append(HOUR_COST * problem.shifts[kind][1] * var)
            works[a, d] = model.new_bool_var(f"w_{a}_{d}")
            model.add(sum(var for kind in kinds for var in shift_of[a, d, kind]) == works[a, d])
        # Maximum hours a week, and the part-time wish as a soft cap below it.
        for w in weeks:
            week_hours = sum(
                problem.shifts[kind][1] * var
                for d in range(w * DAYS_A_WEEK, (w + 1) * DAYS_A_WEEK)
                for kind in kinds
                for var in shift_of[a, d, kind]
            )
            model.add(week_hours <= rules.max_weekly_hours)
            if agent.weekly_hours is not None and agent.weekly_hours < rules.max_weekly_hours:
                refused = model.new_bool_var(f"part_time_refused_{a}_{w}")
                hinted_hours = sum(
                    problem.shifts[hint[a, d].kind][1]
                    for d in range(w * DAYS_A_WEEK, (w + 1) * DAYS_A_WEEK)
                    if (a, d) in hint
                )
                hints.append((refused, hinted_hours > agent.weekly_hours))
                model.add(week_hours <= agent.weekly_hours).only_enforce_if(refused.Not())
                objective.append(WEEKLY_HOURS_WEIGHT * refused)
        # Rest between shifts, also after the last fixed day.
        if languages:
            yesterday = fixed.get((a, first - 1))
            for earlier, later in forbidden:
                if yesterday is not None and yesterday.kind == earlier:
                    for var in shift_of[a, first, later]:
                        model.add(var == 0)
                for d in range(first, last - 1):
                    model.add(sum(shift_of[a, d, earlier]) + sum(shift_of[a, d + 1, later]) <= 1)

        def worked(d: int, a: int = a) -> Any:
            return works[a, d] if d >= first else int((a, d) in fixed)

        # Consecutive working days, counting the fixed days before.
        window = rules.max_consecutive_days + 1
        for start in range(max(0, first - window + 1), last - window + 1):
            model.add(sum(worked(d) for d in range(start, start + window)) <= rules.max_consecutive_days)
        # Weekends off in rotation, counting the fixed weekends before.
        weekend_off: dict[int, Any] = {}
        for w in range(max(0, weeks.start - rules.weekend_rotation_weeks + 1), weeks.start):
            weekend_off[w] = (a, w * DAYS_A_WEEK + SATURDAY) not in fixed and (a, w * DAYS_A_WEEK + SUNDAY) not in fixed
        for w in weeks:
            off = model.new_bool_var(f"weekend_off_{a}_{w}")
            hints.append(
                (off, (a, w * DAYS_A_WEEK + SATURDAY) not in hint and (a, w * DAYS_A_WEEK + SUNDAY) not in hint)
            )
            model.add(works[a, w * DAYS_A_WEEK + SATURDAY] + works[a, w * DAYS_A_WEEK + SUNDAY] == 0).only_enforce_if(
                off
            )
            weekend_off[w] = off
        for w in range(max(0, weeks.start - rules.weekend_rotation_weeks + 1), weeks.stop):
            span = [weekend_off[v] for v in range(w, w + rules.weekend_rotation_weeks) if v in weekend_off]
            if w + rules.weekend_rotation_weeks > weeks.stop or any(v is True for v in span):
                continue  # reaches past this window (posed by the next), or already kept
            model.add_bool_or([v for v in span if not isinstance(v, bool)])
        # Wishes.
        for d in agent.days_off:
            if first <= d < last:
                objective.append(DAY_OFF_WEIGHT * works[a, d])
        if agent.preferred_shifts:
            for d in days:
                for kind in kinds:
                    if kind not in agent.preferred_shifts:
                        objective.extend(PREFERRED_SHIFT_WEIGHT * var for var in shift_of[a, d, kind])

    for language in problem.languages:
        speakers = [agent.key for agent in problem.agents if language in agent.languages]
        for d in days:
            for h in range(HOURS_A_DAY):
                need = int(problem.requirement[language][d][h])
                if need <= 0:
                    continue
                covering = [kind for kind, (start, length) in problem.shifts.items() if start <= h < start + length]
                cover = sum(x[a, d, kind, language] for a in speakers for kind in covering)
                short = model.new_int_var(0, need, f"short_{language}_{d}_{h}")
                hints.append((short, max(0, need - hint_cover[language][d][h])))
                model.add(short >= need - cover)
                objective.append(SHORTFALL_WEIGHT * short)

    model.minimize(sum(objective))
    for (a, d, kind, language), var in x.items():
        model.add_hint(var, hint.get((a, d)) == (kind, language))
    for (a, d), var in works.items():
        model.add_hint(var, (a, d) in hint)
    for var, hinted in hints:
        model.add_hint(var, hinted)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_seconds
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    roster: Roster = {}
    for (a, d, kind, language), var in x.items():
        if solver.boolean_value(var):
            roster[a, d] = Duty(kind, language)
    return roster, solver.status_name(status), float(solver.objective_value)


class Breach(NamedTuple):
    """One broken hard rule: which agent, which rule, and where (day and week are 0-based
    indexes into the schedule; `value` is the hours worked, the language or the shift)."""

    agent: int
    rule: str
    day: int | None = None
    week: int | None = None
    value: Any = None
    limit: int | None = None

    def __str__(self) -> str:
        a, d, w = self.agent, self.day, self.week
        w1 = (w or 0) + 1
        return {
            "not_in_schedule": f"agent {a} is not part of this schedule",
            "outside": f"agent {a} has a shift outside the schedule (day {d})",
            "unknown_shift": f"agent {a} has an unknown shift {self.value!r} on day {d}",
            "language": f"agent {a} does not speak {self.value!r} (day {d})",
            "weekly_hours": f"agent {a} works {self.value} h in week {w1} (max {self.limit})",
            "rest": f"agent {a} has less than {self.limit} h rest after day {d}",
            "consecutive": f"agent {a} works more than {self.limit} days in a row (day {d})",
            "weekend": f"agent {a} has no weekend off in weeks {w1}–{(w or 0) + (self.limit or 0)}",
        }[self.rule]


def rule_breaches(problem: Problem, roster: Roster) -> list[Breach]:
    """Every hard rule the roster breaks (empty when it keeps them all)."""
    rules = problem.rules
    problems: list[Breach] = []
    agents = {agent.key: agent for agent in problem.agents}
    for (a, d), (kind, language) in roster.items():
        if a not in agents:
            problems.append(Breach(a, "not_in_schedule"))
            continue
        if not 0 <= d < problem.days:
            problems.append(Breach(a, "outside", day=d))
        if kind not in problem.shifts:
            problems.append(Breach(a, "unknown_shift", day=d, value=kind))
        if language not in agents[a].languages:
            problems.append(Breach(a, "language", day=d, value=language))
    if problems:
        return problems
    forbidden = forbidden_successions(problem.shifts, rules.min_rest_hours)
    for a in sorted(agents):
        days = {d: duty.kind for (agent, d), duty in roster.items() if agent == a}
        for w in range(problem.weeks):
            hours = sum(problem.shifts[days[d]][1] for d in range(w * 7, w * 7 + 7) if d in days)
            if hours > rules.max_weekly_hours:
                problems.append(Breach(a, "weekly_hours", week=w, value=hours, limit=rules.max_weekly_hours))
        for d, kind in days.items():
            following = days.get(d + 1)
            if following is not None and (kind, following) in forbidden:
                problems.append(Breach(a, "rest", day=d, limit=rules.min_rest_hours))
        run = 0
        for d in range(problem.days):
            run = run + 1 if d in days else 0
            if run > rules.max_consecutive_days:
                problems.append(Breach(a, "consecutive", day=d, limit=rules.max_consecutive_days))
                break
        weekends_off = [w * 7 + SATURDAY not in days and w * 7 + SUNDAY not in days for w in range(problem.weeks)]
        for w in range(problem.weeks - rules.weekend_rotation_weeks + 1):
            if not any(weekends_off[w : w + rules.weekend_rotation_weeks]):
                problems.append(Breach(a, "weekend", week=w, limit=rules.weekend_rotation_weeks))
    return problems


def rule_violations(problem: Problem, roster: Roster) -> list[str]:
    """Every hard rule the roster breaks, in (English) words; empty when it keeps them all."""
    return [str(breach) for breach in rule_breaches(problem, roster)]


def coverage(problem: Problem, roster: Roster) -> dict[str, list[list[int]]]:
    """Agents on duty per language, day and hour (a duty in a language outside the
    requirement counts nowhere)."""
    on_duty = {language: [[0] * HOURS_A_DAY for _ in range(problem.days)] for language in problem.languages}
    for (_a, d), (kind, language) in roster.items():
        if language not in on_duty:
            continue
        start, length = problem.shifts[kind]
        for h in range(start, start + length):
            on_duty[language][d][h] += 1
    return on_duty


def shortfall_hours(problem: Problem, roster: Roster) -> int:
    on_duty = coverage(problem, roster)
    return sum(
        max(0, int(problem.requirement[language][d][h]) - on_duty[language][d][h])
        for language in problem.languages
        for d in range(problem.days)
        for h in range(HOURS_A_DAY)
    )


@dataclass(frozen=True)
class WishOutcome:
    granted: int
    total: int

    @property
    def share(self) -> float | None:
        return self.granted / self.total if self.total else None


def wish_outcome(problem: Problem, agent: AgentWishes, roster: Roster) -> WishOutcome:
    """Each day-off wish, each worked day's shift against a preferred-shift wish and each
    week against a part-time wish is one wish, granted or not."""
    granted = total = 0
    days = {d: duty.kind for (a, d), duty in roster.items() if a == agent.key}
    for d in agent.days_off:
        if 0 <= d < problem.days:
            total += 1
            granted += d not in days
    if agent.preferred_shifts:
        for kind in days.values():
            total += 1
            granted += kind in agent.preferred_shifts
    if agent.weekly_hours is not None:
        for w in range(problem.weeks):
            total += 1
            hours = sum(problem.shifts[days[d]][1] for d in range(w * 7, w * 7 + 7) if d in days)
            granted += hours <= agent.weekly_hours
    return WishOutcome(granted=granted, total=total)
