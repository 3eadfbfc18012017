"""Each panel in the one registry runs within the query budget it registered, and that budget does
not grow with the customer's data: the panel is built for a case whose customer has several
devices, purchases, repairs, mails and threads."""

from __future__ import annotations

from typing import Any

import pytest

from caselog.core.panels import Panel, panel_list
from caselog.devices.tests.factories import DeviceFactory
from caselog.store.tests.factories import PurchaseFactory

pytestmark = pytest.mark.django_db

EXPECTED_PANELS = {"account", "community", "devices", "mail", "repairs", "sla", "store"}


def test_every_domain_panel_is_in_the_one_registry():
    assert {panel.key for panel in panel_list()} == EXPECTED_PANELS


@pytest.fixture
def busy_case(alice_case: Any) -> Any:
    for _ in range(5):
        DeviceFactory(owner=alice_case.customer)
        PurchaseFactory(customer=alice_case.customer)
    return alice_case


@pytest.mark.parametrize("panel", panel_list(), ids=lambda panel: panel.key)
def test_panel_stays_within_its_query_budget(panel: Panel, bob: Any, busy_case: Any, django_assert_max_num_queries):
    with django_assert_max_num_queries(panel.max_queries):
        panel.context(bob, busy_case)
