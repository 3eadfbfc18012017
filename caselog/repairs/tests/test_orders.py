from __future__ import annotations

import threading
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from caselog.audit.models import AuditEvent
from caselog.devices.models import DeviceEvent
from caselog.repairs.models import CourierLeg, RepairOrder
from caselog.repairs.services import (
    courier_leg_advance,
    courier_leg_book,
    repair_diagnosis_save,
    repair_order_create,
    repair_part_add,
    repair_quote_decide,
    repair_transition,
)
from caselog.repairs.tests.factories import PartFactory, RepairOrderFactory

pytestmark = pytest.mark.django_db


def walk_in(tess: Any, moscow: Any, device: Any, repair_type: Any, mode: str = "in_store") -> RepairOrder:
    return repair_order_create(
        actor=tess, device=device, location=moscow, repair_type=repair_type, mode=mode, fault="Dropped, screen cracked"
    )


def run_to_return(order: RepairOrder, tess: Any, part: Any | None = None) -> RepairOrder:
    order = repair_transition(order=order, actor=tess, action="start_diagnosis")
    repair_diagnosis_save(order=order, actor=tess, diagnosis="Display broken")
    if part is not None:
        repair_part_add(order=order, actor=tess, part=part, quantity=1)
    order = repair_transition(order=order, actor=tess, action="send_quote")
    order = repair_quote_decide(order=order, user=order.customer, accept=True)
    order = repair_transition(order=order, actor=tess, action="reserve_parts")
    order = repair_transition(order=order, actor=tess, action="start_repair", customer_present=True)
    order = repair_transition(order=order, actor=tess, action="finish_repair")
    order = repair_transition(order=order, actor=tess, action="pass_check")
    return repair_transition(order=order, actor=tess, action="return")


def test_agent_escalates_case_to_repair_with_device_and_fault(
    bob: Any, alice_case: Any, alice_phone: Any, moscow: Any, screen_repair: Any
) -> None:
    order = repair_order_create(
        actor=bob,
        device=alice_phone,
        location=moscow,
        repair_type=screen_repair,
        mode="in_store",
        fault=alice_case.subject,
        case=alice_case,
    )
    assert order.case == alice_case
    assert order.customer == alice_phone.owner
    assert order.number == f"R-{order.pk:06d}"
    assert order.state == RepairOrder.State.INTAKE
    assert AuditEvent.objects.filter(action="repair.create", target_id=str(order.pk)).exists()


def test_agent_cannot_escalate_with_another_customers_device(
    bob: Any, alice_case: Any, charlie: Any, moscow: Any, screen_repair: Any, phone_product: Any
) -> None:
    from caselog.devices.tests.factories import DeviceFactory

    other = DeviceFactory(owner=charlie, product=phone_product)
    with pytest.raises(ValidationError):
        repair_order_create(
            actor=bob,
            device=other,
            location=moscow,
            repair_type=screen_repair,
            mode="in_store",
            fault="x",
            case=alice_case,
        )


def test_technician_of_another_location_cannot_take_in_walk_in(
    tom: Any, moscow: Any, alice_phone: Any, screen_repair: Any
) -> None:
    with pytest.raises(PermissionDenied):
        walk_in(tom, moscow, alice_phone, screen_repair)


def test_repair_runs_from_intake_to_return_and_every_step_is_in_history_audit_and_mail(
    tess: Any,
    moscow: Any,
    alice_phone: Any,
    screen_repair: Any,
    display_part: Any,
    display_stock: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        order = run_to_return(walk_in(tess, moscow, alice_phone, screen_repair), tess, display_part)
    assert order.state == RepairOrder.State.RETURNED
    assert order.quote_amount == Decimal("160.00")
    assert order.warranty_until == timezone.localdate() + timedelta(days=90)
    states = list(order.events.values_list("to_state", flat=True))
    assert states == [
        "intake",
        "diagnosis",
        "quote",
        "parts_reserved",
        "in_repair",
        "quality_check",
        "ready",
        "returned",
    ]
    assert DeviceEvent.objects.filter(device=alice_phone, source="repairs", kind="repair").count() == 9
    assert AuditEvent.objects.filter(action__startswith="repair.", target_id=str(order.pk)).count() == 11
    assert len(mail.outbox) == 8
    assert mail.outbox[-1].to == ["alice@example.com"]
    assert order.number in mail.outbox[-1].subject
    assert f"/repairs/mine/{order.number}/" in mail.outbox[-1].body
    display_stock.refresh_from_db()
    assert (display_stock.on_hand, display_stock.reserved) == (2, 0)


def test_illegal_transition_is_refused_with_a_clear_message(
    tess: Any, moscow: Any, alice_phone: Any, screen_repair: Any
) -> None:
    order = walk_in(tess, moscow, alice_phone, screen_repair)
    with pytest.raises(ValidationError) as error:
        repair_transition(order=order, actor=tess, action="return")
    assert "cannot do" in error.value.messages[0]
    order.refresh_from_db()
    assert order.state == RepairOrder.State.INTAKE


def test_quote_cannot_be_sent_without_a_diagnosis(tess: Any, moscow: Any, alice_phone: Any, screen_repair: Any) -> None:
    order = repair_transition(
        order=walk_in(tess, moscow, alice_phone, screen_repair), actor=tess, action="start_diagnosis"
    )
    with pytest.raises(ValidationError):
        repair_transition(order=order, actor=tess, action="send_quote")


def test_parts_are_not_reserved_before_the_customer_accepts(
    tess: Any, moscow: Any, alice_phone: Any, screen_repair: Any
) -> None:
    order = repair_transition(
        order=walk_in(tess, moscow, alice_phone, screen_repair), actor=tess, action="start_diagnosis"
    )
    repair_diagnosis_save(order=order, actor=tess, diagnosis="Broken")
    order = repair_transition(order=order, actor=tess, action="send_quote")
    with pytest.raises(ValidationError, match="not accepted"):
        repair_transition(order=order, actor=tess, action="reserve_parts")


def test_declined_quote_cancels_the_repair(tess: Any, moscow: Any, alice_phone: Any, screen_repair: Any) -> None:
    order = repair_transition(
        order=walk_in(tess, moscow, alice_phone, screen_repair), actor=tess, action="start_diagnosis"
    )
    repair_diagnosis_save(order=order, actor=tess, diagnosis="Broken")
    order = repair_transition(order=order, actor=tess, action="send_quote")
    order = repair_quote_decide(order=order, user=alice_phone.owner, accept=False)
    assert order.state == RepairOrder.State.CANCELLED


def test_another_customer_cannot_decide_the_quote(
    tess: Any, charlie: Any, moscow: Any, alice_phone: Any, screen_repair: Any
) -> None:
    order = walk_in(tess, moscow, alice_phone, screen_repair)
    with pytest.raises(PermissionDenied):
        repair_quote_decide(order=order, user=charlie, accept=True)


def test_unapproved_or_foreign_part_cannot_be_added(
    tess: Any, moscow: Any, alice_phone: Any, screen_repair: Any, phone_product: Any
) -> None:
    order = repair_transition(
        order=walk_in(tess, moscow, alice_phone, screen_repair), actor=tess, action="start_diagnosis"
    )
    with pytest.raises(ValidationError):
        repair_part_add(order=order, actor=tess, part=PartFactory(product=phone_product, approved=False), quantity=1)
    with pytest.raises(ValidationError):
        repair_part_add(order=order, actor=tess, part=PartFactory(), quantity=1)


def test_same_fault_inside_repair_warranty_is_covered_and_costs_nothing(
    tess: Any, moscow: Any, alice_phone: Any, screen_repair: Any
) -> None:
    first = run_to_return(walk_in(tess, moscow, alice_phone, screen_repair), tess)
    again = walk_in(tess, moscow, alice_phone, screen_repair)
    assert again.covered and again.warranty_claim_of == first
    assert first.number in again.coverage_reason
    again = repair_transition(order=again, actor=tess, action="start_diagnosis")
    repair_diagnosis_save(order=again, actor=tess, diagnosis="Same display fault")
    again = repair_transition(order=again, actor=tess, action="send_quote")
    assert again.quote_amount == Decimal("0")


def test_same_fault_after_repair_warranty_expired_is_not_covered(
    tess: Any, moscow: Any, alice_phone: Any, screen_repair: Any
) -> None:
    first = run_to_return(walk_in(tess, moscow, alice_phone, screen_repair), tess)
    RepairOrder.objects.filter(pk=first.pk).update(warranty_until=timezone.localdate() - timedelta(days=1))
    assert not walk_in(tess, moscow, alice_phone, screen_repair).covered


def test_repair_warranty_length_is_set_per_repair_type(
    tess: Any, moscow: Any, alice_phone: Any, screen_repair: Any
) -> None:
    screen_repair.warranty_days = 30
    screen_repair.save()
    order = run_to_return(walk_in(tess, moscow, alice_phone, screen_repair), tess)
    assert order.warranty_until == timezone.localdate() + timedelta(days=30)


def test_different_fault_is_not_covered_by_another_repairs_warranty(
    tess: Any, moscow: Any, alice_phone: Any, screen_repair: Any
) -> None:
    from caselog.repairs.tests.factories import RepairTypeFactory

    run_to_return(walk_in(tess, moscow, alice_phone, screen_repair), tess)
    assert not walk_in(tess, moscow, alice_phone, RepairTypeFactory(slug="battery")).covered


def test_on_site_repair_needs_the_customer_present(
    tess: Any, moscow: Any, alice_phone: Any, screen_repair: Any
) -> None:
    from caselog.repairs.services import slot_book
    from caselog.repairs.tests.factories import ServiceSlotFactory

    order = walk_in(tess, moscow, alice_phone, screen_repair, mode="on_site")
    slot_book(
        order=order, user=alice_phone.owner, slot=ServiceSlotFactory(location=moscow, kind="on_site"), address="Arbat 5"
    )
    order = repair_transition(order=order, actor=tess, action="start_diagnosis")
    repair_diagnosis_save(order=order, actor=tess, diagnosis="Broken")
    order = repair_transition(order=order, actor=tess, action="send_quote")
    order = repair_quote_decide(order=order, user=alice_phone.owner, accept=True)
    order = repair_transition(order=order, actor=tess, action="reserve_parts")
    with pytest.raises(ValidationError, match="presence"):
        repair_transition(order=order, actor=tess, action="start_repair")
    order = repair_transition(order=order, actor=tess, action="start_repair", customer_present=True)
    assert order.customer_present_confirmed


def test_courier_repair_waits_for_pickup_and_return_delivery(
    tess: Any, moscow: Any, alice_phone: Any, screen_repair: Any
) -> None:
    order = walk_in(tess, moscow, alice_phone, screen_repair, mode="courier")
    with pytest.raises(ValidationError, match="courier"):
        repair_transition(order=order, actor=tess, action="start_diagnosis")
    leg = courier_leg_book(
        order=order, actor=tess, direction="pickup", carrier="DHL", tracking_number="JD0001", address="Arbat 5"
    )
    for state in ("picked_up", "in_transit", "delivered"):
        leg = courier_leg_advance(leg=leg, actor=tess, state=state)
    with pytest.raises(ValidationError, match="forward"):
        courier_leg_advance(leg=leg, actor=tess, state="in_transit")
    order = repair_transition(order=order, actor=tess, action="start_diagnosis")
    repair_diagnosis_save(order=order, actor=tess, diagnosis="Broken")
    order = repair_transition(order=order, actor=tess, action="send_quote")
    order = repair_quote_decide(order=order, user=alice_phone.owner, accept=True)
    for action in ("reserve_parts", "start_repair", "finish_repair", "pass_check"):
        order = repair_transition(order=order, actor=tess, action=action)
    with pytest.raises(ValidationError, match="return courier"):
        repair_transition(order=order, actor=tess, action="return")
    back = courier_leg_book(
        order=order, actor=tess, direction="return", carrier="DHL", tracking_number="JD0002", address="Arbat 5"
    )
    courier_leg_advance(leg=back, actor=tess, state="delivered")
    order = repair_transition(order=order, actor=tess, action="return")
    assert order.state == RepairOrder.State.RETURNED
    assert CourierLeg.objects.filter(order=order).count() == 2


def test_cancel_needs_a_reason_and_releases_reserved_parts(
    tess: Any, moscow: Any, alice_phone: Any, screen_repair: Any, display_part: Any, display_stock: Any
) -> None:
    order = repair_transition(
        order=walk_in(tess, moscow, alice_phone, screen_repair), actor=tess, action="start_diagnosis"
    )
    repair_diagnosis_save(order=order, actor=tess, diagnosis="Broken")
    repair_part_add(order=order, actor=tess, part=display_part, quantity=2)
    order = repair_transition(order=order, actor=tess, action="send_quote")
    order = repair_quote_decide(order=order, user=alice_phone.owner, accept=True)
    order = repair_transition(order=order, actor=tess, action="reserve_parts")
    display_stock.refresh_from_db()
    assert display_stock.reserved == 2
    with pytest.raises(ValidationError):
        repair_transition(order=order, actor=tess, action="cancel")
    repair_transition(order=order, actor=tess, action="cancel", note="Customer changed their mind")
    display_stock.refresh_from_db()
    assert (display_stock.on_hand, display_stock.reserved) == (3, 0)


def test_outside_technician_cannot_move_an_order(tom: Any, moscow: Any) -> None:
    order = RepairOrderFactory(location=moscow)
    with pytest.raises(PermissionDenied):
        repair_transition(order=order, actor=tom, action="start_diagnosis")


@pytest.mark.django_db(transaction=True)
def test_two_identical_courier_bookings_at_the_same_moment_book_one_leg(
    tess: Any, moscow: Any, alice_phone: Any, screen_repair: Any
) -> None:
    # Found trying it: the second of two identical bookings was a 500 (IntegrityError).
    order = walk_in(tess, moscow, alice_phone, screen_repair, mode="courier")
    start = threading.Barrier(2)
    legs: list[Any] = []
    errors: list[BaseException] = []

    def book() -> None:
        try:
            start.wait()
            legs.append(
                courier_leg_book(
                    order=order, actor=tess, direction="pickup", carrier="DHL", tracking_number="JD7", address="Arbat 5"
                )
            )
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=book) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(legs) == 2 and legs[0].pk == legs[1].pk
    assert CourierLeg.objects.filter(order=order).count() == 1
    with pytest.raises(ValidationError, match="already booked"):
        courier_leg_book(
            order=order, actor=tess, direction="pickup", carrier="DHL", tracking_number="JD8", address="Arbat 5"
        )
