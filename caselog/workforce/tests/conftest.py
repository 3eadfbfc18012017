from __future__ import annotations

from datetime import timedelta
from typing import Any

import numpy as np
import pytest
from django.core.cache import cache
from django.utils import timezone

from caselog.cases.models import Case
from caselog.workforce.models import HourlyVolume
from caselog.workforce.synthetic import expected_counts, sample_counts
from caselog.workforce.tests.factories import ScheduleFactory


@pytest.fixture(autouse=True)
def _fresh_forecast_cache() -> None:
    cache.clear()


@pytest.fixture
def ru_history(ru_department: Any) -> list[HourlyVolume]:
    """Five weeks of hourly phone and web contacts in Russian for the Moscow department: the
    backtest needs four whole weeks after the first busy hour, whatever the time of day now."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    start = now - timedelta(weeks=5)
    mean = expected_counts(start=start, hours=5 * 168, daily_volume=300)
    rows = []
    for channel, share, seed in ((Case.Channel.PHONE, 0.6, 1), (Case.Channel.WEB, 0.4, 2)):
        counts = sample_counts(mean * share, seed=seed)
        for index in np.flatnonzero(counts):
            contacts = int(counts[index])
            phone = channel == Case.Channel.PHONE
            abandoned = contacts // 10 if phone else 0
            answered = contacts - abandoned if phone else 0
            rows.append(
                HourlyVolume(
                    department=ru_department,
                    channel=channel,
                    language="ru",
                    hour_start=start + timedelta(hours=int(index)),
                    contacts=contacts,
                    answered=answered,
                    answered_in_target=answered * 4 // 5,
                    abandoned=abandoned,
                    handle_seconds=answered * 300,
                    wait_seconds=abandoned * 90,
                )
            )
    return HourlyVolume.objects.bulk_create(rows)


@pytest.fixture
def ru_schedule(ru_department: Any, bob: Any) -> Any:
    return ScheduleFactory(department=ru_department)
