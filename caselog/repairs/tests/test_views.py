from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from caselog.repairs.models import RepairOrder
from caselog.repairs.tests.factories import RepairOrderFactory, ServiceSlotFactory, StockLevelFactory
from conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_order(alice_phone: Any, moscow: Any, screen_repair: Any, tess: Any) -> RepairOrder:
    return RepairOrderFactory(device=alice_phone, location=moscow, repair_type=screen_repair, created_by=tess)


STAFF_GET = ["repairs:order"]
STAFF_POST = [
    "repairs:transition",
    "repairs:diagnosis",
    "repairs:part_add",
    "repairs:courier_book",
    "repairs:order_book",
]


@pytest.mark.parametrize("name", STAFF_GET + STAFF_POST)
def test_technician_of_another_location_gets_404_on_order_pages(tom: Any, alice_order: Any, name: str) -> None:
    client = client_for(tom)
    url = reverse(name, args=[alice_order.number])
    response = client.post(url, {"action": "start_diagnosis"}) if name in STAFF_POST else client.get(url)
    assert response.status_code == 404
    alice_order.refresh_from_db()
    assert alice_order.state == RepairOrder.State.INTAKE


@pytest.mark.parametrize("name", ["repairs:queue", "repairs:walk_in", "repairs:stock", "repairs:dashboard"])
def test_customer_gets_404_on_staff_pages(alice: Any, name: str) -> None:
    assert client_for(alice).get(reverse(name)).status_code == 404


def test_technician_gets_404_on_the_manager_dashboard(tess: Any) -> None:
    assert client_for(tess).get(reverse("repairs:dashboard")).status_code == 404


@pytest.mark.parametrize("name", ["repairs:mine_detail", "repairs:mine_quote", "repairs:mine_book"])
def test_other_customer_gets_404_on_alices_repair(charlie: Any, alice_order: Any, name: str) -> None:
    client = client_for(charlie)
    url = reverse(name, args=[alice_order.number])
    response = client.get(url) if name == "repairs:mine_detail" else client.post(url, {"decision": "accept"})
    assert response.status_code == 404


def test_customer_follows_the_status_of_their_repair(
    alice: Any, alice_order: Any, django_assert_max_num_queries: Any
) -> None:
    ServiceSlotFactory(location=alice_order.location)
    client = client_for(alice)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("repairs:mine_detail", args=[alice_order.number]))
    assert response.status_code == 200
    assert alice_order.number in response.content.decode()
    assert alice_order.number in client.get(reverse("repairs:mine")).content.decode()


def test_customer_books_a_slot_online(alice: Any, alice_order: Any) -> None:
    slot = ServiceSlotFactory(location=alice_order.location)
    response = client_for(alice).post(reverse("repairs:mine_book", args=[alice_order.number]), {"slot": slot.pk})
    assert response.status_code == 302
    assert alice_order.__class__.objects.get(pk=alice_order.pk).booking.slot == slot


def test_booking_a_full_slot_shows_the_error_with_422(alice: Any, alice_order: Any) -> None:
    slot = ServiceSlotFactory(location=alice_order.location)
    response = client_for(alice).post(reverse("repairs:mine_book", args=[alice_order.number]), {"slot": slot.pk + 999})
    assert response.status_code == 422
    assert "errorlist" in response.content.decode()


def test_illegal_transition_is_shown_next_to_the_form_with_422(tess: Any, alice_order: Any) -> None:
    response = client_for(tess).post(reverse("repairs:transition", args=[alice_order.number]), {"action": "return"})
    assert response.status_code == 422
    assert "cannot do" in response.content.decode()


def test_unknown_action_is_refused_without_a_500(tess: Any, alice_order: Any) -> None:
    response = client_for(tess).post(reverse("repairs:transition", args=[alice_order.number]), {"action": "explode"})
    assert response.status_code == 422


def test_technician_work_queue_lists_open_orders_of_their_location(
    tess: Any, alice_order: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(5):
        RepairOrderFactory(location=alice_order.location)
    client = client_for(tess)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("repairs:queue"))
    assert response.status_code == 200
    assert alice_order.number in response.content.decode()


def test_order_page_shows_device_history_and_diagnostics(tess: Any, alice_order: Any) -> None:
    from caselog.devices.tests.factories import DeviceEventFactory

    DeviceEventFactory(device=alice_order.device, title="Bought at the Moscow store")
    response = client_for(tess).get(reverse("repairs:order", args=[alice_order.number]))
    assert "Bought at the Moscow store" in response.content.decode()


def test_walk_in_with_unknown_serial_keeps_what_was_typed(tess: Any, moscow: Any, screen_repair: Any) -> None:
    data = {
        "serial": "ZZZZ99999999",
        "repair_type": screen_repair.pk,
        "location": moscow.pk,
        "mode": "in_store",
        "fault": "Wet",
    }
    response = client_for(tess).post(reverse("repairs:walk_in"), data)
    assert response.status_code == 422
    body = response.content.decode()
    assert "ZZZZ99999999" in body and "No device has this serial" in body


def test_walk_in_opens_an_order_and_shows_it(tess: Any, moscow: Any, screen_repair: Any, alice_phone: Any) -> None:
    data = {
        "serial": alice_phone.serial,
        "repair_type": screen_repair.pk,
        "location": moscow.pk,
        "mode": "in_store",
        "fault": "Wet",
    }
    response = client_for(tess).post(reverse("repairs:walk_in"), data)
    assert response.status_code == 302
    assert RepairOrder.objects.get(device=alice_phone).fault == "Wet"


def test_stock_movement_without_reason_is_refused_with_422(
    tess: Any, moscow: Any, display_part: Any, display_stock: Any
) -> None:
    data = {"location": moscow.slug, "part": display_part.pk, "kind": "adjust", "quantity": -1, "reason": ""}
    response = client_for(tess).post(reverse("repairs:stock"), data)
    assert response.status_code == 422
    assert "needs a reason" in response.content.decode()


def test_manager_sees_open_repairs_by_state_and_parts_to_reorder(
    maria: Any, alice_order: Any, display_part: Any, moscow: Any
) -> None:
    StockLevelFactory(part=display_part, location=moscow, on_hand=0, reorder_level=2)
    response = client_for(maria).get(reverse("repairs:dashboard"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "reorder-chart" in body and display_part.sku in body and moscow.name in body


def test_russian_customer_sees_the_status_in_russian(alice: Any, alice_order: Any) -> None:
    body = client_for(alice).get(reverse("repairs:mine_detail", args=[alice_order.number])).content.decode()
    assert "Приём" in body and "Ход ремонта" in body


def test_status_email_is_in_the_customers_language(
    tess: Any, alice_order: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    from caselog.repairs.services import repair_transition

    with django_capture_on_commit_callbacks(execute=True):
        repair_transition(order=alice_order, actor=tess, action="start_diagnosis")
    assert mail.outbox[0].subject == f"Ваш ремонт {alice_order.number}: Диагностика"


def test_a_technicians_note_stays_internal_unless_marked_for_the_customer(
    alice: Any, tess: Any, alice_order: RepairOrder, django_capture_on_commit_callbacks: Any
) -> None:
    # Found trying it: a failed quality check's note was on the customer's timeline and emailed.
    from django.core import mail

    technician = client_for(tess)
    form = technician.get(reverse("repairs:order", args=[alice_order.number])).content.decode()
    assert "The customer reads this note" in form and "Internal: only staff read it" in form
    with django_capture_on_commit_callbacks(execute=True):
        technician.post(
            reverse("repairs:transition", args=[alice_order.number]),
            {"action": "start_diagnosis", "note": "Supplier sent a cracked panel; QC failed"},
        )
    page = client_for(alice).get(reverse("repairs:mine_detail", args=[alice_order.number])).content.decode()
    assert "cracked panel" not in page
    assert mail.outbox and all("cracked panel" not in m.body for m in mail.outbox)
    assert "cracked panel" in technician.get(reverse("repairs:order", args=[alice_order.number])).content.decode()
    mail.outbox.clear()
    alice_order.refresh_from_db()
    from caselog.repairs.services import repair_diagnosis_save

    repair_diagnosis_save(order=alice_order, actor=tess, diagnosis="Display broken")
    with django_capture_on_commit_callbacks(execute=True):
        technician.post(
            reverse("repairs:transition", args=[alice_order.number]),
            {"action": "send_quote", "note": "The display and its frame are replaced", "note_public": "on"},
        )
    page = client_for(alice).get(reverse("repairs:mine_detail", args=[alice_order.number])).content.decode()
    assert "The display and its frame are replaced" in page
    assert any("The display and its frame are replaced" in m.body for m in mail.outbox)
