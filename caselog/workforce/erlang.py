"""Queueing formulas for staffing: Erlang C (callers wait as long as it takes) and Erlang A
(callers hang up after an exponentially distributed patience).

Units: arrival rates per second, times in seconds. Traffic intensity A = rate × handle time
(in erlangs). Plain functions on floats so that they can be checked against published tables
and a simulation."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# Beyond this many agents the answer no longer changes anything a planner would do.
MAX_AGENTS = 5000
# Longest queue modelled for Erlang A (keeps the uniformisation's Poisson weights finite).
MAX_QUEUE = 600


def erlang_b(*, traffic: float, agents: int) -> float:
    """Blocking probability of an M/M/N/N system by the stable recurrence (no factorials)."""
    if agents < 0 or traffic < 0:
        raise ValueError("traffic and agents must not be negative")
    blocking = 1.0
    for n in range(1, agents + 1):
        blocking = traffic * blocking / (n + traffic * blocking)
    return blocking


def erlang_c(*, traffic: float, agents: int) -> float:
    """Probability that a caller has to wait (all N agents busy), for traffic A < N; 1 otherwise."""
    if traffic <= 0:
        return 0.0
    if agents <= traffic:
        return 1.0
    blocking = erlang_b(traffic=traffic, agents=agents)
    return agents * blocking / (agents - traffic * (1 - blocking))


def service_level_c(*, traffic: float, agents: int, handle_seconds: float, target_seconds: float) -> float:
    """Share of callers answered within the target wait under Erlang C."""
    if traffic <= 0:
        return 1.0
    if agents <= traffic:
        return 0.0
    wait = erlang_c(traffic=traffic, agents=agents)
    return 1.0 - wait * math.exp(-(agents - traffic) * target_seconds / handle_seconds)


def average_speed_of_answer_c(*, traffic: float, agents: int, handle_seconds: float) -> float:
    """Mean wait in seconds over all callers under Erlang C (infinite when overloaded)."""
    if traffic <= 0:
        return 0.0
    if agents <= traffic:
        return math.inf
    return erlang_c(traffic=traffic, agents=agents) * handle_seconds / (agents - traffic)


@dataclass(frozen=True)
class QueueResult:
    agents: int
    wait_probability: float
    service_level: float
    abandonment: float
    average_speed_of_answer: float
    occupancy: float


def erlang_a(
    *, rate: float, handle_seconds: float, patience_seconds: float, agents: int, target_seconds: float
) -> QueueResult:
    """M/M/N+M: the stationary queue of a birth-death chain in which each waiting caller
    hangs up at rate 1/patience. Service level = share of all callers answered within the
    target (a caller who hangs up first counts as not answered)."""
    if rate <= 0:
        return QueueResult(agents, 0.0, 1.0, 0.0, 0.0, 0.0)
    mu = 1.0 / handle_seconds
    theta = 1.0 / patience_seconds
    if agents == 0:
        return QueueResult(0, 1.0, 0.0, 1.0, math.inf, 0.0)
    queue_cap = _queue_cap(rate=rate, mu=mu, theta=theta, agents=agents)
    # Unnormalised stationary probabilities, in logs to stay finite for large systems.
    states = np.arange(1, agents + queue_cap + 1)
    deaths = np.minimum(states, agents) * mu + np.maximum(states - agents, 0) * theta
    log_p = np.concatenate(([0.0], np.cumsum(math.log(rate) - np.log(deaths))))
    log_p -= log_p.max()
    p = np.exp(log_p)
    p /= p.sum()
    waiting = p[agents:]
    wait_probability = float(waiting.sum())
    queue_lengths = np.arange(queue_cap + 1)
    mean_queue = float((waiting * queue_lengths).sum())
    abandonment = theta * mean_queue / rate
    answered_in_time = _answered_within(agents=agents, mu=mu, theta=theta, target=target_seconds, ahead=queue_cap)
    service_level = float(p[:agents].sum() + (waiting * answered_in_time).sum())
    busy = float((p * np.minimum(np.arange(len(p)), agents)).sum())
    return QueueResult(
        agents=agents,
        wait_probability=wait_probability,
        service_level=service_level,
        abandonment=abandonment,
        average_speed_of_answer=mean_queue / rate,  # Little's law over all callers
        occupancy=busy / agents,
    )


def _queue_cap(*, rate: float, mu: float, theta: float, agents: int) -> int:
    """Longest queue worth modelling: well past where the queue's drift turns it back."""
    turning_point = max(0.0, (rate - agents * mu) / theta)
    return int(min(MAX_QUEUE, turning_point + 12 * math.sqrt(turning_point + 1) + 60))


@lru_cache(maxsize=4096)
def _answered_within_cached(agents: int, mu: float, theta: float, target: float, ahead: int) -> tuple[float, ...]:
    # A tagged caller with j callers ahead moves up at rate N·mu + j·theta (a service or an
    # abandonment ahead), hangs up at rate theta, and is answered from the head of the line at
    # rate N·mu. P(answered within the target | j ahead) by uniformisation of that pure-death
    # chain: cheap vector steps instead of a matrix exponential.
    j = np.arange(ahead + 1)
    forward = agents * mu + j * theta  # to j-1, or to "answered" from j = 0
    exit_rate = float(forward[-1] + theta)
    steps_mean = exit_rate * target
    steps = int(steps_mean + 10 * math.sqrt(steps_mean) + 20)
    # u[j] = P(answered within k uniformised steps | start at j); "answered" is absorbing.
    u = np.zeros(ahead + 1)
    weight = math.exp(-steps_mean)
    total = np.zeros(ahead + 1)
    stay = 1 - (forward + theta) / exit_rate
    move = forward / exit_rate
    for k in range(steps + 1):
        if k > 0:
            weight *= steps_mean / k
        total += weight * u
        shifted = np.concatenate(([1.0], u[:-1]))  # from j = 0 a move means answered
        u = stay * u + move * shifted
    # Poisson weights not yet summed (the far tail) go to the last, most complete vector.
    remaining = max(0.0, 1.0 - _poisson_cdf(steps, steps_mean))
    return tuple(float(x) for x in total + remaining * u)


def _poisson_cdf(k: int, mean: float) -> float:
    term = math.exp(-mean)
    total = term
    for i in range(1, k + 1):
        term *= mean / i
        total += term
    return total


def _answered_within(*, agents: int, mu: float, theta: float, target: float, ahead: int) -> np.ndarray:
    # The tagged caller only ever moves towards the head of the line, so the answer for j
    # callers ahead does not depend on longer queues: compute for a rounded-up length (one
    # cached matrix exponential serves many arrival rates) and cut.
    rounded = -(-(ahead + 1) // 64) * 64
    return np.array(_answered_within_cached(agents, mu, theta, target, rounded)[: ahead + 1])


def agents_for_service_level(
    *,
    rate: float,
    handle_seconds: float,
    target_seconds: float,
    service_level: float,
    patience_seconds: float | None = None,
    max_occupancy: float = 1.0,
) -> int:
    """Fewest agents on the phone that reach the service-level target: Erlang C, or Erlang A
    when the callers' mean patience is known."""
    traffic = rate * handle_seconds
    if traffic <= 0:
        return 0
    agents = max(1, math.floor(traffic) + 1, math.ceil(traffic / max_occupancy))
    while agents < MAX_AGENTS and (
        service_level_c(traffic=traffic, agents=agents, handle_seconds=handle_seconds, target_seconds=target_seconds)
        < service_level
    ):
        agents += 1
    if not patience_seconds:
        return agents

    def reaches(n: int) -> bool:
        result = erlang_a(
            rate=rate,
            handle_seconds=handle_seconds,
            patience_seconds=patience_seconds,
            agents=n,
            target_seconds=target_seconds,
        )
        return result.service_level >= service_level

    # Callers who hang up lighten the queue, so Erlang A never needs more agents than Erlang C
    # for the same target; walk down from the Erlang C answer.
    while agents > 1 and reaches(agents - 1):
        agents -= 1
    return agents
