"""Escalating a case to a repair from the console's repair panel."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from caselog.repairs.models import RepairOrder
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_agent_escalates_from_the_console_and_outsider_agent_gets_404(
    bob: Any, dora: Any, alice_case: Any, alice_phone: Any, moscow: Any, screen_repair: Any
) -> None:
    data = {
        "device": alice_phone.pk,
        "repair_type": screen_repair.pk,
        "location": moscow.pk,
        "mode": "courier",
        "fault": "No charge",
    }
    url = reverse("console:repair_escalate", args=[alice_case.number])
    assert client_for(dora).post(url, data).status_code == 404
    assert client_for(bob).post(url, data).status_code == 302
    assert RepairOrder.objects.get(case=alice_case).mode == "courier"


def test_escalation_without_a_fault_is_refused_with_422(
    bob: Any, alice_case: Any, alice_phone: Any, moscow: Any, screen_repair: Any
) -> None:
    data = {
        "device": alice_phone.pk,
        "repair_type": screen_repair.pk,
        "location": moscow.pk,
        "mode": "in_store",
        "fault": "",
    }
    response = client_for(bob).post(reverse("console:repair_escalate", args=[alice_case.number]), data)
    assert response.status_code == 422


def test_console_shows_the_repair_panel(
    bob: Any, alice_case: Any, alice_phone: Any, moscow: Any, screen_repair: Any
) -> None:
    response = client_for(bob).get(alice_case.get_absolute_url())
    assert "Escalate to repair" in response.content.decode() or "Передать в ремонт" in response.content.decode()
