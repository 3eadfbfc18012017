from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from caselog.console.selectors import panels_for
from caselog.devices.models import DeviceEvent
from caselog.devices.services import device_history_add
from caselog.devices.tests.factories import (
    DeviceEventFactory,
    DeviceFactory,
    DiagnosticReportFactory,
    DiagnosticResultFactory,
)
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_device_page_shows_model_purchase_coverage_history_and_diagnostics(bob, alice_iphone):
    device_history_add(device=alice_iphone, kind="repair", title="Display replaced", source="repairs", reference="R-1")
    DiagnosticResultFactory(report=DiagnosticReportFactory(device=alice_iphone), component="battery", result="warning")
    body = client_for(bob).get(reverse("console:device", args=[alice_iphone.serial])).content.decode()
    assert "iPhone 15" in body and "iPhone15,4" in body
    assert "complimentary support until" in body
    assert "Display replaced" in body
    assert "Battery" in body and "res-warning" in body


def test_device_page_query_count_does_not_grow_with_history(bob, alice_iphone, django_assert_max_num_queries):
    DeviceEventFactory.create_batch(40, device=alice_iphone)
    for component in ("battery", "display", "storage"):
        DiagnosticResultFactory(report=DiagnosticReportFactory(device=alice_iphone), component=component)
    client = client_for(bob)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("console:device", args=[alice_iphone.serial]))
    assert response.status_code == 200


def test_device_history_is_paginated_newest_first(bob, alice_iphone):
    now = timezone.now()
    for day in range(35):
        DeviceEventFactory(device=alice_iphone, title=f"Event day {day}", occurred_at=now - timedelta(days=day))
    client = client_for(bob)
    first = client.get(reverse("console:device", args=[alice_iphone.serial])).content.decode()
    second = client.get(reverse("console:device", args=[alice_iphone.serial]), {"page": 2}).content.decode()
    assert "Event day 0<" in first and "Event day 34<" not in first
    assert "Event day 34<" in second


def test_device_page_has_an_empty_state(bob, alice_iphone):
    body = client_for(bob).get(reverse("console:device", args=[alice_iphone.serial])).content.decode()
    assert "No service history yet" in body and "No diagnostics report yet" in body


def test_customer_gets_404_on_the_console_device_page(alice, alice_iphone):
    assert client_for(alice).get(reverse("console:device", args=[alice_iphone.serial])).status_code == 404


def test_unknown_serial_on_the_console_is_404(bob, db):
    assert client_for(bob).get(reverse("console:device", args=["NOTASERIAL!"])).status_code == 404


def test_history_add_is_idempotent_per_source_reference(alice_iphone):
    first = device_history_add(device=alice_iphone, kind="repair", title="Battery", source="repairs", reference="R-7")
    second = device_history_add(
        device=alice_iphone, kind="repair", title="Battery again", source="repairs", reference="R-7"
    )
    assert first == second
    assert alice_iphone.events.count() == 1


def test_history_add_refuses_an_unknown_kind(alice_iphone):
    with pytest.raises(ValueError):
        device_history_add(device=alice_iphone, kind="teleport", title="x")


def test_case_panel_lists_the_customers_devices_with_coverage(bob, alice_case, alice_iphone):
    panels = {panel["key"]: panel for panel in panels_for(agent=bob, case=alice_case)}
    context = panels["devices"]["context"]
    assert [row["device"] for row in context["rows"]] == [alice_iphone]
    assert context["rows"][0]["coverage"].phone_support_active


def test_case_panel_counts_the_calls_in_the_complimentary_window(bob, alice, alice_case, alice_iphone, iphone_15):
    from caselog.cases.models import CallLog

    old_phone = DeviceFactory(product=iphone_15, owner=alice, purchase_date=timezone.localdate() - timedelta(days=400))
    now = timezone.now()
    for days_ago in (1, 10, 20):  # within alice_iphone's window (bought 30 days ago)
        started = now - timedelta(days=days_ago)
        CallLog.objects.create(case=alice_case, agent=bob, started_at=started, ended_at=started + timedelta(minutes=9))
    before = now - timedelta(days=45)  # before alice_iphone was bought, after old_phone's window
    CallLog.objects.create(case=alice_case, agent=bob, started_at=before, ended_at=before + timedelta(minutes=3))
    context = {panel["key"]: panel for panel in panels_for(agent=bob, case=alice_case)}["devices"]["context"]
    calls = {row["device"]: row.get("calls_in_window") for row in context["rows"]}
    assert calls[alice_iphone] == 3
    assert calls[old_phone] == 0  # its window ended long ago: none of these calls fall in it
    body = client_for(bob).get(alice_case.get_absolute_url()).content.decode()
    assert 'data-calls="3"' in body


def test_counting_calls_is_one_query_whatever_the_number_of_devices(
    bob, alice, alice_case, iphone_15, django_assert_num_queries
):
    for _ in range(5):
        DeviceFactory(product=iphone_15, owner=alice, purchase_date=timezone.localdate() - timedelta(days=5))
    from caselog.devices.panels import device_panel_context

    device_panel_context(bob, alice_case)  # bob's permissions loaded
    with django_assert_num_queries(4):  # visibility, devices, calls, accessibility profile
        context = device_panel_context(bob, alice_case)
    assert context is not None and all(row["calls_in_window"] == 0 for row in context["rows"])


def test_case_panel_is_hidden_from_a_partner_agent_for_a_customer_they_do_not_serve(
    paul_partner, alice_case, alice_iphone
):
    assert "devices" not in {panel["key"] for panel in panels_for(agent=paul_partner, case=alice_case)}


def test_case_page_shows_the_device_panel(bob, alice_case, alice_iphone):
    body = client_for(bob).get(alice_case.get_absolute_url()).content.decode()
    assert alice_iphone.serial in body and "complimentary support until" in body.lower()


def test_out_of_complimentary_support_shows_the_options(bob, alice, iphone_15):
    device = DeviceFactory(product=iphone_15, owner=alice, purchase_date=timezone.localdate() - timedelta(days=200))
    body = client_for(bob).get(reverse("console:customer", args=[alice.pk])).content.decode()
    assert device.serial in body and "Out of complimentary support" in body and "Options" in body


def test_device_event_kinds_cover_repairs_diagnostics_and_coverage():
    assert {"repair", "diagnostics", "coverage"} <= set(DeviceEvent.Kind.values)
