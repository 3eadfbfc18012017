from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from caselog.accounts.models import Role
from caselog.accounts.tests.factories import UserFactory
from caselog.repairs.models import Booking, RepairOrder, ServiceSlot
from caselog.repairs.services import slot_book
from caselog.repairs.tests.factories import BookingFactory, RepairOrderFactory, ServiceSlotFactory


@pytest.mark.django_db
def test_customer_books_a_store_slot_and_moves_it(alice_phone: Any, moscow: Any) -> None:
    order = RepairOrderFactory(device=alice_phone, location=moscow)
    first, second = ServiceSlotFactory(location=moscow), ServiceSlotFactory(location=moscow)
    slot_book(order=order, user=alice_phone.owner, slot=first)
    slot_book(order=order, user=alice_phone.owner, slot=second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.booked, second.booked) == (0, 1)
    assert Booking.objects.get(order=order).slot == second


@pytest.mark.django_db
def test_full_slot_cannot_be_booked(alice_phone: Any, moscow: Any, phone_product: Any) -> None:
    from caselog.devices.tests.factories import DeviceFactory

    slot = ServiceSlotFactory(location=moscow, capacity=1)
    slot_book(order=RepairOrderFactory(device=alice_phone, location=moscow), user=alice_phone.owner, slot=slot)
    other = RepairOrderFactory(device=DeviceFactory(product=phone_product), location=moscow)
    with pytest.raises(ValidationError, match="fully booked"):
        slot_book(order=other, user=other.customer, slot=slot)


@pytest.mark.django_db
def test_slot_of_another_location_or_in_the_past_is_refused(alice_phone: Any, moscow: Any, berlin: Any) -> None:
    order = RepairOrderFactory(device=alice_phone, location=moscow)
    with pytest.raises(ValidationError):
        slot_book(order=order, user=alice_phone.owner, slot=ServiceSlotFactory(location=berlin))
    past = ServiceSlotFactory(location=moscow, starts_at=timezone.now() - timedelta(hours=2))
    with pytest.raises(ValidationError, match="passed"):
        slot_book(order=order, user=alice_phone.owner, slot=past)


@pytest.mark.django_db
def test_another_customer_cannot_book_for_the_order(alice_phone: Any, charlie: Any, moscow: Any) -> None:
    order = RepairOrderFactory(device=alice_phone, location=moscow)
    with pytest.raises(PermissionDenied):
        slot_book(order=order, user=charlie, slot=ServiceSlotFactory(location=moscow))


@pytest.mark.django_db
def test_on_site_visit_needs_an_address_and_takes_a_free_technician(alice_phone: Any, moscow: Any, tess: Any) -> None:
    order = RepairOrderFactory(device=alice_phone, location=moscow, mode=RepairOrder.Mode.ON_SITE)
    slot = ServiceSlotFactory(location=moscow, kind=ServiceSlot.Kind.ON_SITE, capacity=3)
    with pytest.raises(ValidationError):
        slot_book(order=order, user=alice_phone.owner, slot=slot)
    booking = slot_book(order=order, user=alice_phone.owner, slot=slot, address="Arbat 5, Moscow")
    assert booking.technician == tess


@pytest.mark.django_db
def test_technician_is_never_booked_for_two_overlapping_visits(
    alice_phone: Any, moscow: Any, tess: Any, phone_product: Any
) -> None:
    from caselog.devices.tests.factories import DeviceFactory

    start = timezone.now() + timedelta(days=2)
    slot_a = ServiceSlotFactory(
        location=moscow, kind="on_site", starts_at=start, ends_at=start + timedelta(hours=2), capacity=5
    )
    slot_b = ServiceSlotFactory(
        location=moscow,
        kind="on_site",
        starts_at=start + timedelta(hours=1),
        ends_at=start + timedelta(hours=3),
        capacity=5,
    )
    first = RepairOrderFactory(device=alice_phone, location=moscow, mode="on_site")
    slot_book(order=first, user=first.customer, slot=slot_a, address="Arbat 5")
    second = RepairOrderFactory(device=DeviceFactory(product=phone_product), location=moscow, mode="on_site")
    with pytest.raises(ValidationError, match="No technician"):
        slot_book(order=second, user=second.customer, slot=slot_b, address="Tverskaya 7")
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(order=second, slot=slot_a, technician=tess)


@pytest.mark.django_db
def test_courier_orders_have_no_slot(alice_phone: Any, moscow: Any) -> None:
    order = RepairOrderFactory(device=alice_phone, location=moscow, mode=RepairOrder.Mode.COURIER)
    with pytest.raises(ValidationError, match="picked up"):
        slot_book(order=order, user=alice_phone.owner, slot=ServiceSlotFactory(location=moscow))


@pytest.mark.django_db
def test_database_refuses_overbooking_a_slot(moscow: Any) -> None:
    slot = ServiceSlotFactory(location=moscow, capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceSlot.objects.filter(pk=slot.pk).update(booked=2)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor == "sqlite", reason="row locks need PostgreSQL")
def test_concurrent_customers_never_overbook_a_slot_or_a_technician(moscow: Any, phone_product: Any) -> None:
    from caselog.devices.tests.factories import DeviceFactory

    technicians = [UserFactory(roles=[Role.TECHNICIAN]) for _ in range(2)]
    moscow.technicians.add(*technicians)
    store_slot = ServiceSlotFactory(location=moscow, capacity=2)
    visit_slot = ServiceSlotFactory(location=moscow, kind="on_site", capacity=5)
    store_orders = [RepairOrderFactory(device=DeviceFactory(product=phone_product), location=moscow) for _ in range(5)]
    visit_orders = [
        RepairOrderFactory(device=DeviceFactory(product=phone_product), location=moscow, mode="on_site")
        for _ in range(5)
    ]
    barrier = threading.Barrier(10)
    outcomes: list[str] = []

    def book(order: RepairOrder, slot: ServiceSlot) -> None:
        try:
            barrier.wait()
            slot_book(order=order, user=order.customer, slot=slot, address="Somewhere 1")
            outcomes.append(f"{order.mode}:ok")
        except ValidationError:
            outcomes.append(f"{order.mode}:refused")
        finally:
            connection.close()

    jobs = [(order, store_slot) for order in store_orders] + [(order, visit_slot) for order in visit_orders]
    threads = [threading.Thread(target=book, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("in_store:ok") == 2
    assert outcomes.count("on_site:ok") == 2
    store_slot.refresh_from_db()
    assert store_slot.booked == 2
    visits = Booking.objects.filter(slot=visit_slot)
    assert sorted(visits.values_list("technician_id", flat=True)) == sorted(t.pk for t in technicians)


@pytest.mark.django_db
def test_store_drop_off_cannot_be_booked_once_the_repair_has_started(alice_phone: Any, moscow: Any) -> None:
    order = RepairOrderFactory(device=alice_phone, location=moscow, state=RepairOrder.State.IN_REPAIR)
    with pytest.raises(ValidationError, match="no longer"):
        slot_book(order=order, user=alice_phone.owner, slot=ServiceSlotFactory(location=moscow))
