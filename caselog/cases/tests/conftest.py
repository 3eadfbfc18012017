"""Fixtures shared from other apps' tests rather than copied: tokens for the cases API tests
(the api app's tests own tokens), and the SLA setting the clocks' tests run in (Berlin's
store line and the store-dispute policy on the German queue)."""

from caselog.api.tests.conftest import bob_token, dora_token  # noqa: F401
from caselog.sla.tests.conftest import berlin_calendar, de_store, store_policy  # noqa: F401
