"""A discrete-event simulation of a call queue (FCFS, N agents, Poisson arrivals,
exponential handle times, optionally exponential patience), written to check the Erlang
formulas against something that does not share their algebra."""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class SimResult:
    callers: int
    wait_probability: float
    service_level: float
    abandonment: float


def simulate(
    *,
    rate: float,
    handle_seconds: float,
    agents: int,
    target_seconds: float,
    callers: int,
    seed: int,
    patience_seconds: float | None = None,
    warm_up: int = 2000,
) -> SimResult:
    """Each caller takes the agent that frees up first; one who would wait longer than their
    patience hangs up instead and takes nobody's time."""
    rng = np.random.default_rng(seed)
    total = callers + warm_up
    arrivals = np.cumsum(rng.exponential(1 / rate, total))
    services = rng.exponential(handle_seconds, total)
    patience = rng.exponential(patience_seconds, total) if patience_seconds else np.full(total, np.inf)
    free_at = [0.0] * agents  # a heap of the times each agent becomes free
    heapq.heapify(free_at)
    waited = answered_in_time = abandoned = 0
    for i in range(total):
        start = max(arrivals[i], free_at[0])
        wait = start - arrivals[i]
        gave_up = wait > patience[i]
        if not gave_up:
            heapq.heapreplace(free_at, start + services[i])
        if i < warm_up:
            continue
        if wait > 0:
            waited += 1
        if gave_up:
            abandoned += 1
        elif wait <= target_seconds:
            answered_in_time += 1
    return SimResult(
        callers=callers,
        wait_probability=waited / callers,
        service_level=answered_in_time / callers,
        abandonment=abandoned / callers,
    )
