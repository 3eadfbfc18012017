"""The SLA setting the clocks' tests run in (Berlin's store line and the store-dispute policy
on the German queue): the sla app's own fixtures, shared rather than copied."""

from caselog.sla.tests.conftest import berlin_calendar, de_store, store_policy  # noqa: F401
