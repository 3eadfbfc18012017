"""`make test-moved-clock` runs the suite with the clock moved far from today: this test
proves the move took effect (Python's clocks and the database's agree with it)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from caselog.accounts.tests.factories import UserFactory


def test_the_clock_is_where_the_run_moved_it(pytestconfig, db):
    moment = pytestconfig.getoption("--moved-clock")
    if not moment:
        pytest.skip("only in the moved-clock run (make test-moved-clock)")
    start = datetime.fromisoformat(moment)
    # The clock ticks from the moment: the suite has run for minutes, not hours, before this.
    assert start <= timezone.now() < start + timedelta(hours=2)
    assert timezone.localdate() >= start.date() - timedelta(days=1)
    # A row the application stamps (auto_now_add, default=timezone.now) carries the moved clock.
    user = UserFactory()
    user.refresh_from_db()
    assert user.date_joined >= start
