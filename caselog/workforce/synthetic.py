"""Generated contact history with a known shape: the demo's year of history and the
forecast's tests draw from it. Mondays are busiest, Fridays quiet, weekends lighter; the day
peaks late morning with a smaller after-work hump; major releases add a spike that decays."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import numpy as np

# Share of a week's contacts falling on each weekday, Monday first.
WEEKDAY_WEIGHTS = np.array([1.30, 1.10, 1.05, 1.00, 0.80, 0.45, 0.35])
# Share of a day's contacts falling in each hour (a support line open 07–21, a trickle of
# web and email outside it).
HOUR_WEIGHTS = np.array(
    [
        0.2,
        0.1,
        0.1,
        0.1,
        0.1,
        0.2,
        0.5,
        2.0,
        4.5,
        7.5,
        9.0,
        9.5,
        8.0,
        8.0,
        8.5,
        8.0,
        7.0,
        6.5,
        6.5,
        5.5,
        4.0,
        2.5,
        1.0,
        0.5,
    ]
)


def weekly_shape() -> np.ndarray:
    """Expected share of an average day's contacts in each of the 168 hours of the week
    (so the 168 values sum to 7)."""
    hours = HOUR_WEIGHTS / HOUR_WEIGHTS.sum()
    days = WEEKDAY_WEIGHTS / WEEKDAY_WEIGHTS.mean()
    return np.outer(days, hours).ravel()


def expected_counts(
    *,
    start: datetime,
    hours: int,
    daily_volume: float,
    weekly_growth: float = 0.0,
    releases: Sequence[datetime] = (),
    spike_lift: float = 0.0,
    spike_decay_hours: float = 36.0,
) -> np.ndarray:
    """The mean contacts per hour: seasonal shape × trend × (1 + release spikes)."""
    shape = weekly_shape()
    first = start.weekday() * 24 + start.hour
    slots = (first + np.arange(hours)) % 168
    weeks = np.arange(hours) / 168
    mean = daily_volume * shape[slots] * (1 + weekly_growth) ** weeks
    offsets = np.arange(hours, dtype=float)
    spike = np.zeros(hours)
    for release in releases:
        since = offsets - (release - start).total_seconds() / 3600
        after = since >= 0
        spike[after] += spike_lift * np.exp(-since[after] / spike_decay_hours)
    return mean * (1 + spike)


def sample_counts(mean: np.ndarray, *, seed: int, dispersion: float = 1.0) -> np.ndarray:
    """Poisson counts around the mean; dispersion > 1 adds day-to-day noise (negative binomial)."""
    rng = np.random.default_rng(seed)
    if dispersion <= 1.0:
        return rng.poisson(mean)
    shape = mean / (dispersion - 1.0)
    return rng.poisson(rng.gamma(np.maximum(shape, 1e-9), dispersion - 1.0))
