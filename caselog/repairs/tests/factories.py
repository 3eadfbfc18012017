from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from caselog.accounts.tests.factories import UserFactory
from caselog.devices.tests.factories import DeviceFactory, ProductFactory
from caselog.repairs.models import (
    Booking,
    CourierLeg,
    OrderPart,
    Part,
    PartReservation,
    RepairEvent,
    RepairOrder,
    RepairType,
    ServiceLocation,
    ServiceSlot,
    StockLevel,
    StockMovement,
)


class ServiceLocationFactory(factory.django.DjangoModelFactory[ServiceLocation]):
    class Meta:
        model = ServiceLocation

    slug = factory.Sequence(lambda n: f"location-{n}")
    name = factory.LazyAttribute(lambda loc: f"Service {loc.slug}")
    city = "Moscow"
    country = "RU"
    address = "Tverskaya 1"


class RepairTypeFactory(factory.django.DjangoModelFactory[RepairType]):
    class Meta:
        model = RepairType

    slug = factory.Sequence(lambda n: f"repair-{n}")
    names = factory.LazyAttribute(lambda t: {"en": f"Repair {t.slug}"})
    labour_price = Decimal("50.00")


class PartFactory(factory.django.DjangoModelFactory[Part]):
    class Meta:
        model = Part

    product = factory.SubFactory(ProductFactory)
    sku = factory.Sequence(lambda n: f"P-{n:05d}")
    names = factory.LazyAttribute(lambda p: {"en": f"Part {p.sku}"})
    price = Decimal("100.00")


class StockLevelFactory(factory.django.DjangoModelFactory[StockLevel]):
    class Meta:
        model = StockLevel

    part = factory.SubFactory(PartFactory)
    location = factory.SubFactory(ServiceLocationFactory)
    on_hand = 5
    reorder_level = 2
    reorder_quantity = 10


class RepairOrderFactory(factory.django.DjangoModelFactory[RepairOrder]):
    class Meta:
        model = RepairOrder

    number = factory.Sequence(lambda n: f"R-9{n:05d}")
    device = factory.SubFactory(DeviceFactory)
    customer = factory.LazyAttribute(lambda o: o.device.owner)
    location = factory.SubFactory(ServiceLocationFactory)
    repair_type = factory.SubFactory(RepairTypeFactory)
    fault = "Cracked screen after a drop"
    created_by = factory.SubFactory(UserFactory)


class RepairEventFactory(factory.django.DjangoModelFactory[RepairEvent]):
    class Meta:
        model = RepairEvent

    order = factory.SubFactory(RepairOrderFactory)
    to_state = RepairOrder.State.INTAKE


class OrderPartFactory(factory.django.DjangoModelFactory[OrderPart]):
    class Meta:
        model = OrderPart

    order = factory.SubFactory(RepairOrderFactory)
    part = factory.SubFactory(PartFactory)


class PartReservationFactory(factory.django.DjangoModelFactory[PartReservation]):
    class Meta:
        model = PartReservation

    order = factory.SubFactory(RepairOrderFactory)
    part = factory.SubFactory(PartFactory)
    location = factory.LazyAttribute(lambda r: r.order.location)


class StockMovementFactory(factory.django.DjangoModelFactory[StockMovement]):
    class Meta:
        model = StockMovement

    part = factory.SubFactory(PartFactory)
    location = factory.SubFactory(ServiceLocationFactory)
    kind = StockMovement.Kind.RECEIVE
    quantity = 1


class ServiceSlotFactory(factory.django.DjangoModelFactory[ServiceSlot]):
    class Meta:
        model = ServiceSlot

    location = factory.SubFactory(ServiceLocationFactory)
    starts_at = factory.Sequence(
        lambda n: timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=1, hours=n)
    )
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + timedelta(hours=1))
    capacity = 1


class BookingFactory(factory.django.DjangoModelFactory[Booking]):
    class Meta:
        model = Booking

    order = factory.SubFactory(RepairOrderFactory)
    slot = factory.SubFactory(ServiceSlotFactory)


class CourierLegFactory(factory.django.DjangoModelFactory[CourierLeg]):
    class Meta:
        model = CourierLeg

    order = factory.SubFactory(RepairOrderFactory, mode=RepairOrder.Mode.COURIER)
    direction = CourierLeg.Direction.PICKUP
    carrier = "DHL"
    tracking_number = factory.Sequence(lambda n: f"TRK{n:08d}")
    address = "Hauptstr. 1, Berlin"
