from __future__ import annotations

import pytest

from caselog.workforce import erlang
from caselog.workforce.tests.queue_sim import simulate

# Published values.
# - Call Centre Helper's worked Erlang C example: 100 calls in 30 minutes, 180 s handle time
#   (10 erlangs), 20 s target: 11 agents wait 68.21 % / ASA 122.8 s, 14 agents wait 17.41 %
#   and reach 88.84 %, the first count past 80 %.
# - The step-by-step Erlang C example of 360 calls per half hour, 240 s, 55 agents (48 erlangs):
#   probability of waiting 0.2387, 15 s service level 0.8459.
# - Closed forms in every queueing textbook: M/M/2 at 1 erlang waits 1/3; M/M/3 at 2 erlangs 4/9.
PUBLISHED_WAIT = [
    (10.0, 11, 0.6821),
    (10.0, 14, 0.1741),
    (48.0, 55, 0.2387),
    (1.0, 2, 1 / 3),
    (2.0, 3, 4 / 9),
]
PUBLISHED_SERVICE_LEVEL = [
    (10.0, 14, 180, 20, 0.8884),
    (48.0, 55, 240, 15, 0.8459),
]


@pytest.mark.parametrize(("traffic", "agents", "expected"), PUBLISHED_WAIT)
def test_erlang_c_probability_of_waiting_matches_published_tables(traffic, agents, expected):
    assert erlang.erlang_c(traffic=traffic, agents=agents) == pytest.approx(expected, abs=5e-4)


@pytest.mark.parametrize(("traffic", "agents", "handle", "target", "expected"), PUBLISHED_SERVICE_LEVEL)
def test_erlang_c_service_level_matches_published_tables(traffic, agents, handle, target, expected):
    level = erlang.service_level_c(traffic=traffic, agents=agents, handle_seconds=handle, target_seconds=target)
    assert level == pytest.approx(expected, abs=5e-4)


def test_average_speed_of_answer_matches_the_published_example():
    assert erlang.average_speed_of_answer_c(traffic=10, agents=11, handle_seconds=180) == pytest.approx(122.8, abs=0.05)


def test_staffing_for_80_in_20_on_the_published_example_is_14_agents():
    agents = erlang.agents_for_service_level(rate=100 / 1800, handle_seconds=180, target_seconds=20, service_level=0.8)
    assert agents == 14


def test_an_overloaded_queue_always_waits_and_never_meets_a_target():
    assert erlang.erlang_c(traffic=12, agents=10) == 1.0
    assert erlang.service_level_c(traffic=12, agents=10, handle_seconds=180, target_seconds=20) == 0.0


def test_no_calls_need_no_agents():
    assert erlang.agents_for_service_level(rate=0, handle_seconds=300, target_seconds=20, service_level=0.8) == 0


@pytest.mark.parametrize(("traffic", "agents"), [(4.0, 5), (10.0, 12), (20.0, 23)])
def test_erlang_c_agrees_with_a_simulated_queue(traffic, agents):
    handle, target = 180.0, 20.0
    sim = simulate(
        rate=traffic / handle, handle_seconds=handle, agents=agents, target_seconds=target, callers=60_000, seed=7
    )
    assert sim.wait_probability == pytest.approx(erlang.erlang_c(traffic=traffic, agents=agents), abs=0.025)
    expected = erlang.service_level_c(traffic=traffic, agents=agents, handle_seconds=handle, target_seconds=target)
    assert sim.service_level == pytest.approx(expected, abs=0.025)


@pytest.mark.parametrize(("rate_per_hour", "agents", "patience"), [(200, 10, 120.0), (300, 12, 60.0)])
def test_erlang_a_agrees_with_a_simulated_queue_with_impatient_callers(rate_per_hour, agents, patience):
    handle, target = 180.0, 20.0
    rate = rate_per_hour / 3600
    model = erlang.erlang_a(
        rate=rate, handle_seconds=handle, patience_seconds=patience, agents=agents, target_seconds=target
    )
    sim = simulate(
        rate=rate,
        handle_seconds=handle,
        agents=agents,
        target_seconds=target,
        callers=60_000,
        seed=11,
        patience_seconds=patience,
    )
    assert sim.abandonment == pytest.approx(model.abandonment, abs=0.02)
    assert sim.wait_probability == pytest.approx(model.wait_probability, abs=0.03)
    assert sim.service_level == pytest.approx(model.service_level, abs=0.03)


def test_erlang_a_without_impatience_approaches_erlang_c():
    model = erlang.erlang_a(rate=100 / 1800, handle_seconds=180, patience_seconds=1e9, agents=14, target_seconds=20)
    assert model.service_level == pytest.approx(0.8884, abs=2e-3)
    assert model.abandonment < 1e-4


def test_impatient_callers_need_no_more_agents_than_erlang_c():
    common = {"rate": 100 / 1800, "handle_seconds": 180, "target_seconds": 20, "service_level": 0.8}
    with_patience = erlang.agents_for_service_level(**common, patience_seconds=120)
    assert with_patience <= erlang.agents_for_service_level(**common)
    level = erlang.erlang_a(
        rate=100 / 1800, handle_seconds=180, patience_seconds=120, agents=with_patience, target_seconds=20
    ).service_level
    assert level >= 0.8
