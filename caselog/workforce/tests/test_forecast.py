from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from caselog.workforce import forecasting
from caselog.workforce.synthetic import expected_counts, sample_counts

START = datetime(2025, 1, 6, tzinfo=UTC)  # a Monday
WEEKS = 20
HOURS = WEEKS * 168
HELD_BACK = 2 * 168
# The stated bound: on history with known weekly and daily seasonality, a 2 % weekly trend and
# over-dispersed Poisson noise, the forecast of the two held-back weeks is within 5 % of the
# true mean (hourly, busy hours) and within 6 % of what actually happened per day.
TRUE_MEAN_BOUND = 0.05
DAILY_ACTUAL_BOUND = 0.06


def history(*, releases=(), lift=0.0, decay=36.0, seed=5):
    mean = expected_counts(
        start=START,
        hours=HOURS,
        daily_volume=1500,
        weekly_growth=0.02,
        releases=releases,
        spike_lift=lift,
        spike_decay_hours=decay,
    )
    return mean, sample_counts(mean, seed=seed, dispersion=1.3)


def test_forecast_of_held_back_weeks_is_within_the_stated_bound_of_the_true_mean():
    mean, counts = history()
    model = forecasting.fit(start=START, counts=counts[:-HELD_BACK])
    forecast = model.predict(start=START + timedelta(hours=HOURS - HELD_BACK), hours=HELD_BACK)
    truth = mean[-HELD_BACK:]
    busy = truth >= 0.1 * truth.max()
    error = forecasting.mape(truth[busy], forecast.mean[busy])
    assert error is not None and error < TRUE_MEAN_BOUND


def test_backtest_reports_daily_error_within_the_stated_bound():
    _mean, counts = history()
    result = forecasting.backtest(start=START, counts=counts, weeks=2)
    assert result is not None
    assert result.daily_mape is not None and result.daily_mape < DAILY_ACTUAL_BOUND
    # Hourly error is larger (Poisson noise on ~100 contacts an hour) but still bounded.
    assert result.hourly_mape is not None and result.hourly_mape < 0.15


def test_forecast_keeps_mondays_busier_than_fridays():
    _mean, counts = history()
    model = forecasting.fit(start=START, counts=counts)
    forecast = model.predict(start=START + timedelta(hours=HOURS), hours=168)
    days = forecast.mean.reshape(7, 24).sum(axis=1)
    assert days[0] > days[4] > days[6]


def test_about_eighty_percent_of_new_actuals_fall_inside_the_band():
    _mean, counts = history()
    model = forecasting.fit(start=START, counts=counts[:-HELD_BACK])
    forecast = model.predict(start=START + timedelta(hours=HOURS - HELD_BACK), hours=HELD_BACK)
    actual = counts[-HELD_BACK:]
    inside = np.mean((actual >= forecast.lower) & (actual <= forecast.upper))
    assert 0.7 < inside < 0.95


def test_release_spike_planted_in_the_history_is_recovered():
    releases = [START + timedelta(weeks=5, hours=17), START + timedelta(weeks=12, days=2, hours=17)]
    _mean, counts = history(releases=releases, lift=1.0, decay=36.0)
    model = forecasting.fit(start=START, counts=counts, releases=releases)
    assert model.spike is not None
    assert model.spike.lift == pytest.approx(1.0, rel=0.25)
    assert 24 <= model.spike.decay_hours <= 48


def test_a_planned_release_raises_the_forecast_after_it():
    past = [START + timedelta(weeks=5, hours=17), START + timedelta(weeks=12, days=2, hours=17)]
    _mean, counts = history(releases=past, lift=1.0, decay=36.0)
    model = forecasting.fit(start=START, counts=counts, releases=past)
    future_start = START + timedelta(hours=HOURS)
    planned = future_start + timedelta(days=1, hours=17)
    without = model.predict(start=future_start, hours=168, releases=past)
    with_release = model.predict(start=future_start, hours=168, releases=[*past, planned])
    day_after = slice(24 + 18, 24 + 30)
    assert with_release.mean[day_after].sum() > 1.4 * without.mean[day_after].sum()
    assert with_release.mean[:24].sum() == pytest.approx(without.mean[:24].sum())


def test_no_spike_is_invented_without_releases():
    _mean, counts = history()
    assert forecasting.fit(start=START, counts=counts).spike is None


def test_forecast_needs_two_weeks_of_history():
    with pytest.raises(ValueError):
        forecasting.fit(start=START, counts=np.ones(100))


def test_mape_ignores_hours_without_contacts():
    assert forecasting.mape([0, 10, 20], [5, 11, 18]) == pytest.approx(0.1)
    assert forecasting.mape([0, 0], [1, 2]) is None
