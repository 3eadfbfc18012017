from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caselog.workforce import scheduling
from caselog.workforce.models import SHIFT_HOURS

SHIFTS = {str(kind): hours for kind, hours in SHIFT_HOURS.items()}
RULES = scheduling.LabourRules()
EN = frozenset({"en"})
Duty = scheduling.Duty


def english(requirement):
    return {"en": requirement}


@st.composite
def problems(draw):
    weeks = draw(st.integers(min_value=1, max_value=3))
    days = 7 * weeks
    agent_count = draw(st.integers(min_value=1, max_value=5))
    level = st.integers(min_value=0, max_value=4)
    languages = draw(st.lists(st.sampled_from(["de", "en", "ru"]), min_size=1, max_size=3, unique=True))
    requirement = {
        language: [[draw(level) if 7 <= h < 21 else 0 for h in range(24)] for _ in range(days)]
        for language in languages
    }
    agents = []
    for key in range(1, agent_count + 1):
        agents.append(
            scheduling.AgentWishes(
                key=key,
                languages=frozenset(draw(st.lists(st.sampled_from(["de", "en", "ru"]), max_size=2))),
                days_off=frozenset(draw(st.lists(st.integers(0, days - 1), max_size=3))),
                preferred_shifts=frozenset(draw(st.lists(st.sampled_from(sorted(SHIFTS)), max_size=2))),
                weekly_hours=draw(st.one_of(st.none(), st.integers(min_value=8, max_value=32))),
            )
        )
    rules = scheduling.LabourRules(
        max_weekly_hours=draw(st.sampled_from([24, 32, 40])),
        min_rest_hours=draw(st.sampled_from([11, 12, 16])),
        max_consecutive_days=draw(st.integers(min_value=3, max_value=6)),
        weekend_rotation_weeks=draw(st.integers(min_value=1, max_value=2)),
    )
    return scheduling.Problem(days=days, requirement=requirement, agents=agents, shifts=SHIFTS, rules=rules)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(problems())
def test_every_proposed_roster_keeps_every_hard_rule(problem):
    solution = scheduling.solve(problem, time_limit_seconds=0.5, workers=1)
    assert scheduling.rule_violations(problem, solution.roster) == []
    # Stated explicitly too, each rule on its own, so a failing one names itself.
    for agent in problem.agents:
        days = {d: duty.kind for (a, d), duty in solution.roster.items() if a == agent.key}
        for week in range(problem.weeks):
            hours = sum(SHIFTS[days[d]][1] for d in range(week * 7, week * 7 + 7) if d in days)
            assert hours <= problem.rules.max_weekly_hours
        for d, kind in days.items():
            if d + 1 in days:
                start, length = SHIFTS[kind]
                assert 24 + SHIFTS[days[d + 1]][0] - (start + length) >= problem.rules.min_rest_hours
        run = 0
        for d in range(problem.days):
            run = run + 1 if d in days else 0
            assert run <= problem.rules.max_consecutive_days
        weekend_off = [7 * w + 5 not in days and 7 * w + 6 not in days for w in range(problem.weeks)]
        window = problem.rules.weekend_rotation_weeks
        for w in range(problem.weeks - window + 1):
            assert any(weekend_off[w : w + window])


@settings(max_examples=10, deadline=None, derandomize=True)
@given(st.integers(min_value=1, max_value=3), st.integers(min_value=1, max_value=2))
def test_the_requirement_is_covered_when_enough_agents_exist(per_shift, weeks):
    # 07–21 on weekdays needs an early and a late shift of `per_shift` agents each; three times
    # that many agents cover it within 40 h a week, the rest rule and rotating weekends.
    days = 7 * weeks
    requirement = [[0] * 24 for _ in range(days)]
    for d in range(days):
        if d % 7 < 5:
            for h in range(7, 21):
                requirement[d][h] = per_shift
    agents = [scheduling.AgentWishes(key=k, languages=EN) for k in range(1, 2 * per_shift * 3 + 1)]
    problem = scheduling.Problem(days=days, requirement=english(requirement), agents=agents, shifts=SHIFTS)
    solution = scheduling.solve(problem, time_limit_seconds=3, workers=1)
    assert scheduling.rule_violations(problem, solution.roster) == []
    assert solution.shortfall_hours == 0
    assert scheduling.shortfall_hours(problem, solution.roster) == 0


def test_wishes_are_granted_when_the_requirement_allows():
    requirement = [[0] * 24 for _ in range(7)]
    for h in range(7, 15):
        requirement[0][h] = 1
    agents = [
        scheduling.AgentWishes(key=1, languages=EN, days_off=frozenset({0})),
        scheduling.AgentWishes(key=2, languages=EN, preferred_shifts=frozenset({"early"})),
    ]
    problem = scheduling.Problem(days=7, requirement=english(requirement), agents=agents, shifts=SHIFTS)
    solution = scheduling.solve(problem, time_limit_seconds=2, workers=1)
    assert solution.roster == {(2, 0): Duty("early", "en")}
    assert scheduling.wish_outcome(problem, agents[0], solution.roster) == scheduling.WishOutcome(1, 1)
    assert scheduling.wish_outcome(problem, agents[1], solution.roster) == scheduling.WishOutcome(1, 1)


def test_a_refused_day_off_counts_as_not_granted():
    problem = scheduling.Problem(
        days=7,
        requirement=english([[0] * 24] * 7),
        agents=[scheduling.AgentWishes(key=1, languages=EN, days_off=frozenset({2}))],
        shifts=SHIFTS,
    )
    outcome = scheduling.wish_outcome(problem, problem.agents[0], {(1, 2): Duty("day", "en")})
    assert outcome.granted == 0 and outcome.total == 1 and outcome.share == 0


def test_the_rule_checker_catches_each_broken_rule():
    agent = scheduling.AgentWishes(key=1, languages=EN)
    problem = scheduling.Problem(days=14, requirement=english([[0] * 24] * 14), agents=[agent], shifts=SHIFTS)
    too_long = {(1, d): Duty("early", "en") for d in range(6)}  # 48 h in week 1, 6 days in a row is allowed
    assert any("48 h" in v for v in scheduling.rule_violations(problem, too_long))
    no_rest = {(1, 0): Duty("late", "en"), (1, 1): Duty("early", "en")}
    assert any("rest" in v for v in scheduling.rule_violations(problem, no_rest))
    run = {(1, d): Duty("morning", "en") for d in range(7)}
    assert any("in a row" in v for v in scheduling.rule_violations(problem, run))
    weekends = {(1, 5): Duty("day", "en"), (1, 13): Duty("day", "en")}
    assert any("weekend" in v for v in scheduling.rule_violations(problem, weekends))
    wrong_language = {(1, 0): Duty("early", "ru")}
    assert any("does not speak 'ru'" in v for v in scheduling.rule_violations(problem, wrong_language))
    assert scheduling.rule_violations(problem, {(1, 0): Duty("early", "en"), (1, 1): Duty("early", "en")}) == []


def test_a_schedule_covers_whole_weeks():
    with pytest.raises(ValueError):
        scheduling.Problem(days=10, requirement=english([[0] * 24] * 10), agents=[], shifts=SHIFTS)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(problems())
def test_no_language_requirement_is_covered_by_an_agent_lacking_that_language(problem):
    solution = scheduling.solve(problem, time_limit_seconds=0.5, workers=1)
    speaks = {agent.key: agent.languages for agent in problem.agents}
    for (agent, _day), duty in solution.roster.items():
        assert duty.language in speaks[agent]
        assert duty.language in problem.requirement
    # Coverage counted here from scratch, per language, from speakers only, agrees with the
    # solver's and never exceeds what the language's speakers can give.
    for language in problem.languages:
        speakers = {key for key, languages in speaks.items() if language in languages}
        for d in range(problem.days):
            for h in range(24):
                on_duty = [
                    a
                    for (a, day), duty in solution.roster.items()
                    if day == d and duty.language == language and SHIFTS[duty.kind][0] <= h < sum(SHIFTS[duty.kind])
                ]
                assert set(on_duty) <= speakers
                assert len(on_duty) == scheduling.coverage(problem, solution.roster)[language][d][h]


def test_each_language_is_covered_by_its_own_speakers():
    # Two Russian speakers, one of whom also speaks English, and one English-only agent: the
    # Russian need on Monday can only be met by the two Russian speakers, the English need
    # by the bilingual agent or the English one.
    requirement = {"ru": [[0] * 24 for _ in range(7)], "en": [[0] * 24 for _ in range(7)]}
    for h in range(7, 15):
        requirement["ru"][0][h] = 2
        requirement["en"][1][h] = 1
    agents = [
        scheduling.AgentWishes(key=1, languages=frozenset({"ru"})),
        scheduling.AgentWishes(key=2, languages=frozenset({"ru", "en"})),
        scheduling.AgentWishes(key=3, languages=frozenset({"en"})),
    ]
    problem = scheduling.Problem(days=7, requirement=requirement, agents=agents, shifts=SHIFTS)
    solution = scheduling.solve(problem, time_limit_seconds=2, workers=1)
    assert solution.shortfall_hours == 0
    monday = {a: duty for (a, d), duty in solution.roster.items() if d == 0}
    assert monday == {1: Duty("early", "ru"), 2: Duty("early", "ru")}
    tuesday = [duty for (a, d), duty in solution.roster.items() if d == 1]
    assert tuesday == [Duty("early", "en")]


def test_a_language_nobody_speaks_stays_uncovered():
    requirement = {"de": [[0] * 24 for _ in range(7)]}
    for h in range(9, 17):
        requirement["de"][0][h] = 1
    problem = scheduling.Problem(
        days=7, requirement=requirement, agents=[scheduling.AgentWishes(key=1, languages=EN)], shifts=SHIFTS
    )
    solution = scheduling.solve(problem, time_limit_seconds=1, workers=1)
    assert solution.roster == {}
    assert solution.shortfall_hours == 8
