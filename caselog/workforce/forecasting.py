"""Hourly contact forecast: a log-linear Poisson model (statsmodels GLM) with weekday levels,
an hour-of-day shape (its own on weekends), a trend, and a release spike learned from past
releases.

The spike of a release at time r adds exp(beta * exp(-(t - r) / decay)) to the hours after it:
the peak lift is exp(beta) - 1 and it decays with the fitted time constant. The decay is
chosen by likelihood over a grid; beta is a regression coefficient. The band combines the
uncertainty of the fitted mean with the (over-dispersed) Poisson noise of the counts."""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

import numpy as np

HOURS_A_WEEK = 168
DECAY_GRID_HOURS = (6.0, 12.0, 24.0, 36.0, 48.0, 72.0, 120.0)
# Beyond this many decay constants a release no longer adds anything worth computing.
SPIKE_HORIZON_DECAYS = 8
WEEKEND_FIRST_DAY = 5  # Saturday
BAND_Z = 1.2816  # 80 % band: what a planner reads as "likely range"


@dataclass(frozen=True)
class Spike:
    lift: float  # peak increase as a share of the normal volume (1.0 = doubled)
    decay_hours: float

    @property
    def lift_percent(self) -> float:
        return 100 * self.lift


@dataclass(frozen=True)
class Forecast:
    start: datetime
    mean: np.ndarray
    lower: np.ndarray
    upper: np.ndarray

    def hours(self) -> list[datetime]:
        return [self.start + timedelta(hours=i) for i in range(len(self.mean))]


def _local_hours(start: datetime, count: int, zone: tzinfo | None) -> tuple[np.ndarray, np.ndarray]:
    """(local day number, local hour of the week) of each of `count` hours from `start`, in
    `zone`'s wall clock: across a clock change the slots skip or repeat an hour, so Monday 9:00
    stays Monday 9:00 for the callers."""
    if zone is None:
        zone = start.tzinfo or UTC
    first = start.astimezone(UTC)
    base = first.replace(tzinfo=None)
    epoch = datetime(1970, 1, 5)  # a Monday
    hours_since = (base - epoch).total_seconds() / 3600 + np.arange(count)
    local = np.floor(hours_since + _utc_offsets(first, count, zone)).astype(np.int64)
    return local // 24, local % HOURS_A_WEEK


def _utc_offsets(first: datetime, count: int, zone: tzinfo) -> np.ndarray:
    """The zone's UTC offset in hours at each of `count` hours from `first`. Looked up once a
    day, and hour by hour only within the days where it changes (a zone changes its offset at
    most once a day), since a year of hours is fitted several times per forecast."""

    def offset(index: int) -> float:
        value = (first + timedelta(hours=index)).astimezone(zone).utcoffset()
        return value.total_seconds() / 3600 if value is not None else 0.0

    result = np.empty(count)
    if count == 0:
        return result
    marks = [*range(0, count - 1, 24), count - 1]
    known = {index: offset(index) for index in marks}
    for left, right in itertools.pairwise(marks):
        if known[left] == known[right]:
            result[left : right + 1] = known[left]
        else:
            for index in range(left, right + 1):
                result[index] = offset(index)
    if len(marks) == 1:
        result[0] = known[0]
    return result


def _hour_of_week(start: datetime, count: int, zone: tzinfo | None = None) -> np.ndarray:
    return _local_hours(start, count, zone)[1]


def _spike_feature(start: datetime, count: int, releases: Sequence[datetime], decay_hours: float) -> np.ndarray:
    feature = np.zeros(count)
    offsets = np.arange(count, dtype=float)
    for release in releases:
        since = offsets - (release - start).total_seconds() / 3600
        after = (since >= 0) & (since < SPIKE_HORIZON_DECAYS * decay_hours)
        feature[after] += np.exp(-since[after] / decay_hours)
    return feature


def _seasonal_columns(slots: np.ndarray) -> np.ndarray:
    """Weekday levels, hour-of-day levels, and a separate hour-of-day shape for weekends:
    55 columns instead of 168, so fitting a year of hours stays quick."""
    weekday = slots // 24
    hour = slots % 24
    weekend = weekday >= WEEKEND_FIRST_DAY
    columns = [(weekday == d).astype(float) for d in range(7)]
    columns += [(hour == h).astype(float) for h in range(1, 24)]
    columns += [((hour == h) & weekend).astype(float) for h in range(1, 24)]
    return np.column_stack(columns)


@dataclass
class FittedModel:
    history_start: datetime
    history_hours: int
    active_slots: np.ndarray  # local hour-of-week slots that ever see a contact
    columns: np.ndarray  # seasonal columns that carry information
    with_trend: bool
    zone: tzinfo | None = None  # whose weekdays and hours the seasonality follows
    spike: Spike | None = None
    params: np.ndarray = field(default_factory=lambda: np.zeros(0))
    covariance: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    dispersion: float = 1.0

    def design(self, start: datetime, count: int, releases: Sequence[datetime]) -> tuple[np.ndarray, np.ndarray]:
        slots = _hour_of_week(start, count, self.zone)
        parts = [_seasonal_columns(slots)[:, self.columns]]
        if self.with_trend:
            offset_hours = (start - self.history_start).total_seconds() / 3600
            parts.append(((offset_hours + np.arange(count) - self.history_hours) / HOURS_A_WEEK)[:, None])
        if self.spike is not None:
            parts.append(_spike_feature(start, count, releases, self.spike.decay_hours)[:, None])
        return np.hstack(parts), np.isin(slots, self.active_slots)

    def predict(self, *, start: datetime, hours: int, releases: Sequence[datetime] = ()) -> Forecast:
        design, active = self.design(start, hours, releases)
        linear = design @ self.params
        variance_linear = np.einsum("ij,jk,ik->i", design, self.covariance, design)
        mean = np.where(active, np.exp(np.minimum(linear, 50.0)), 0.0)
        total_variance = mean**2 * np.expm1(variance_linear) + self.dispersion * mean
        spread = BAND_Z * np.sqrt(total_variance)
        return Forecast(start=start, mean=mean, lower=np.maximum(mean - spread, 0.0), upper=mean + spread)


def _fit_glm(design: np.ndarray, counts: np.ndarray, offset: np.ndarray | None = None) -> Any:
    # Imported here: statsmodels (with scipy and pandas) is large and only the forecast needs it.
    import statsmodels.api as sm  # type: ignore[import-untyped]
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    # Small dense least squares: BLAS threads only fight each other (and the web workers).
    with warnings.catch_warnings(), threadpool_limits(limits=1):
        warnings.simplefilter("ignore")
        # The weekday columns add up to an implicit constant: saying so spares statsmodels two
        # rank computations (SVDs of the whole design) looking for one, on every fit.
        model = sm.GLM(counts, design, family=sm.families.Poisson(), offset=offset, hasconst=True)
        return model.fit(maxiter=100)


def fit(
    *,
    start: datetime,
    counts: Sequence[float] | np.ndarray,
    releases: Sequence[datetime] = (),
    with_trend: bool = True,
    zone: tzinfo | None = None,
    decay_hours: float | None = None,
) -> FittedModel:
    """Fit the model to hourly counts that begin at `start` (on the hour); the weekly and
    daily seasonality follow `zone`'s local clock (default: `start`'s own time zone). A known
    `decay_hours` of the release spike skips its search (the backtest reuses the full fit's)."""
    y = np.asarray(counts, dtype=float)
    if len(y) < HOURS_A_WEEK * 2:
        raise ValueError("the forecast needs at least two weeks of hourly history")
    zone = zone or start.tzinfo
    slots = _hour_of_week(start, len(y), zone)
    totals = np.bincount(slots, weights=y, minlength=HOURS_A_WEEK)
    active_slots = np.flatnonzero(totals > 0)
    mask = np.isin(slots, active_slots)
    informative = _seasonal_columns(slots[mask]).any(axis=0)
    model = FittedModel(start, len(y), active_slots, np.flatnonzero(informative), with_trend, zone)
    end = start + timedelta(hours=len(y))
    # Only releases whose spike falls inside the history can teach its shape.
    seen = [r for r in releases if start <= r < end - timedelta(hours=12)]
    if seen and decay_hours is not None:
        model.spike = Spike(lift=0.0, decay_hours=decay_hours)
        seen_search: list[datetime] = []
    else:
        seen_search = seen
    design, _active = model.design(start, len(y), seen)
    result = _fit_glm(design[mask], y[mask])
    if seen_search:
        # Choose the decay on the hours after releases, against the seasonal fit without spikes.
        baseline = np.log(np.maximum(np.asarray(result.fittedvalues), 1e-9))
        rows = _spike_feature(start, len(y), seen, max(DECAY_GRID_HOURS))[mask] > 0
        best: tuple[float, float] | None = None
        for decay in DECAY_GRID_HOURS:
            feature = _spike_feature(start, len(y), seen, decay)[mask][rows]
            trial = _fit_glm(feature[:, None], y[mask][rows], offset=baseline[rows])
            if best is None or float(trial.llf) > best[0]:
                best = (float(trial.llf), decay)
        assert best is not None
        model.spike = Spike(lift=0.0, decay_hours=best[1])
        design, _active = model.design(start, len(y), seen)
        result = _fit_glm(design[mask], y[mask])
    model.params = np.asarray(result.params)
    residual_df = max(1.0, float(result.df_resid))
    model.dispersion = max(1.0, float(result.pearson_chi2) / residual_df)
    # Quasi-Poisson: the parameters' covariance grows with the over-dispersion.
    model.covariance = np.asarray(result.cov_params()) * model.dispersion
    if model.spike is not None:
        model.spike = Spike(lift=math.expm1(float(model.params[-1])), decay_hours=model.spike.decay_hours)
    return model


def mape(actual: Sequence[float] | np.ndarray, predicted: Sequence[float] | np.ndarray) -> float | None:
    """Mean absolute percentage error over the points with a non-zero actual."""
    a = np.asarray(actual, dtype=float)
    p = np.asarray(predicted, dtype=float)
    nonzero = a > 0
    if not nonzero.any():
        return None
    return float(np.mean(np.abs(a[nonzero] - p[nonzero]) / a[nonzero]))


@dataclass(frozen=True)
class Backtest:
    hourly_mape: float | None
    daily_mape: float | None
    held_back_weeks: int

    @property
    def hourly_percent(self) -> float | None:
        return None if self.hourly_mape is None else 100 * self.hourly_mape

    @property
    def daily_percent(self) -> float | None:
        return None if self.daily_mape is None else 100 * self.daily_mape


def backtest(
    *,
    start: datetime,
    counts: Sequence[float] | np.ndarray,
    releases: Sequence[datetime] = (),
    weeks: int = 2,
    zone: tzinfo | None = None,
    decay_hours: float | None = None,
) -> Backtest | None:
    """Fit on all but the last `weeks`, forecast them, compare with what happened.
    Hourly MAPE counts busy hours only (at least a tenth of the peak) where percentages mean
    something; daily MAPE compares whole local days."""
    y = np.asarray(counts, dtype=float)
    held = weeks * HOURS_A_WEEK
    if len(y) < held + 2 * HOURS_A_WEEK:
        return None
    zone = zone or start.tzinfo
    model = fit(start=start, counts=y[:-held], releases=releases, zone=zone, decay_hours=decay_hours)
    held_start = start + timedelta(hours=len(y) - held)
    forecast = model.predict(start=held_start, hours=held, releases=releases)
    actual = y[-held:]
    busy = actual >= 0.1 * actual.max() if actual.max() > 0 else actual > 0
    # Whole local days only: drop the part-days at both ends.
    day_numbers = _local_hours(held_start, held, zone)[0]
    whole = (day_numbers != day_numbers[0]) & (day_numbers != day_numbers[-1])
    _days, index = np.unique(day_numbers[whole], return_inverse=True)
    daily_actual = np.bincount(index, weights=actual[whole])
    daily_forecast = np.bincount(index, weights=forecast.mean[whole])
    return Backtest(
        hourly_mape=mape(actual[busy], forecast.mean[busy]),
        daily_mape=mape(daily_actual, daily_forecast),
        held_back_weeks=weeks,
    )
