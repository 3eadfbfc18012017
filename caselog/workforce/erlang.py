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
from scipy.linalg import expm  # type: ignore[import-untyped]

# Beyond this many agents the answer no longer changes anything a planner would do.
MAX_AGENTS = 5000


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
    log_p = np.zeros(agents + queue_cap + 1)
    for n in range(1, agents + queue_cap + 1):
        death = min(n, agents) * mu + max(n - agents, 0) * theta
        log_p[n] = log_p[n - 1] + math.log(rate) - math.log(death)
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
    return int(min(2000, turning_point + 12 * math.sqrt(turning_point + 1) + 60))


@lru_cache(maxsize=4096)
def _answered_within_cached(agents: int, mu: float, theta: float, target: float, ahead: int) -> tuple[float, ...]:
    # A tagged caller with j callers ahead moves up at rate N·mu + j·theta (service or an
    # abandonment ahead), hangs up at rate theta, and is answered from the head of the line at
    # rate N·mu. States 0..ahead = callers ahead; then "answered"; then "hung up".
    size = ahead + 3
    answered, hung_up = ahead + 1, ahead + 2
    generator = np.zeros((size, size))
    for j in range(ahead + 1):
        if j == 0:
            generator[j, answered] = agents * mu
        else:
            generator[j, j - 1] = agents * mu + j * theta
        generator[j, hung_up] = theta
        generator[j, j] = -generator[j].sum()
    transition = expm(generator * target)
    return tuple(float(x) for x in transition[: ahead + 1, answered])


def _answered_within(*, agents: int, mu: float, theta: float, target: float, ahead: int) -> np.ndarray:
    return np.array(_answered_within_cached(agents, mu, theta, target, ahead))


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
    agents = max(1, math.floor(traffic) + (0 if patience_seconds else 1))
    agents = max(agents, math.ceil(traffic / max_occupancy))
    while agents < MAX_AGENTS:
        if patience_seconds:
            achieved = erlang_a(
                rate=rate,
                handle_seconds=handle_seconds,
                patience_seconds=patience_seconds,
                agents=agents,
                target_seconds=target_seconds,
            ).service_level
        else:
            achieved = service_level_c(
                traffic=traffic, agents=agents, handle_seconds=handle_seconds, target_seconds=target_seconds
            )
        if achieved >= service_level:
            return agents
        agents += 1
    return MAX_AGENTS
