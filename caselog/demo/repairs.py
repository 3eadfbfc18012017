"""Demo data for the repair center: three service locations, repair types, approved parts
with stock (some below their reorder level), bookable slots for the coming week and repair
orders in several states for the demo customers' devices. Orders go through the services,
so their history, audit trail and device timeline are real. Idempotent."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from caselog.accounts.models import User
from caselog.devices.models import Device, Product
from caselog.repairs.models import Part, RepairOrder, RepairType, ServiceLocation, ServiceSlot, StockLevel
from caselog.repairs.services import (
    courier_leg_book,
    repair_diagnosis_save,
    repair_order_create,
    repair_part_add,
    repair_quote_decide,
    repair_transition,
    slot_book,
)

LOCATIONS = [
    ("moscow", "Сервисный центр Москва", "Moscow", "RU", "Тверская ул., 7"),
    ("berlin", "Servicezentrum Berlin", "Berlin", "DE", "Friedrichstraße 88"),
    ("cork", "Cork Service Centre", "Cork", "IE", "Hollyhill Industrial Estate"),
]
# slug, names, warranty days, labour, covered by hardware warranty
REPAIR_TYPES = [
    ("display", {"en": "Display replacement", "de": "Displaytausch", "ru": "Замена дисплея"}, 90, "79.00", False),
    ("battery", {"en": "Battery replacement", "de": "Akkutausch", "ru": "Замена аккумулятора"}, 90, "49.00", True),
    (
        "liquid",
        {"en": "Liquid damage repair", "de": "Flüssigkeitsschaden", "ru": "Ремонт после попадания жидкости"},
        30,
        "149.00",
        False,
    ),
    (
        "charging-port",
        {"en": "Charging port repair", "de": "Ladebuchse", "ru": "Ремонт разъёма зарядки"},
        90,
        "39.00",
        True,
    ),
]
# part kind, names, price
PART_KINDS = [
    ("DSP", {"en": "Display assembly", "de": "Displaymodul", "ru": "Дисплейный модуль"}, "189.00"),
    ("BAT", {"en": "Battery", "de": "Akku", "ru": "Аккумулятор"}, "59.00"),
    ("PRT", {"en": "Charging port flex", "de": "Ladebuchse", "ru": "Шлейф разъёма зарядки"}, "29.00"),
    ("LB", {"en": "Logic board", "de": "Logikplatine", "ru": "Системная плата"}, "399.00"),
]
PRODUCTS = ["iphone-15", "iphone-15-pro", "iphone-14"]
# location, product, kind -> on hand (reorder level 3 everywhere; some are below it)
STOCK_SHORT = {
    ("moscow", "iphone-15", "DSP"): 2,
    ("berlin", "iphone-14", "BAT"): 1,
    ("cork", "iphone-15-pro", "DSP"): 0,
}


def demo_repairs_seed() -> int:
    """Create the repair center's demo data; returns how many objects were created."""
    created = 0
    with transaction.atomic():
        locations: dict[str, ServiceLocation] = {}
        for slug, name, city, country, address in LOCATIONS:
            locations[slug], made = ServiceLocation.objects.get_or_create(
                slug=slug, defaults={"name": name, "city": city, "country": country, "address": address}
            )
            created += made
        tech = User.objects.filter(email="tech@example.com").first()
        if tech is not None:
            for location in locations.values():
                location.technicians.add(tech)
        types: dict[str, RepairType] = {}
        for slug, names, days, labour, covered in REPAIR_TYPES:
            types[slug], made = RepairType.objects.get_or_create(
                slug=slug,
                defaults={
                    "names": names,
                    "warranty_days": days,
                    "labour_price": Decimal(labour),
                    "covered_by_hardware_warranty": covered,
                },
            )
            created += made
        for product in Product.objects.filter(slug__in=PRODUCTS):
            for kind, names, price in PART_KINDS:
                part, made = Part.objects.get_or_create(
                    sku=f"{kind}-{product.slug.upper()}",
                    defaults={"product": product, "names": names, "price": Decimal(price)},
                )
                created += made
                for location in locations.values():
                    on_hand = STOCK_SHORT.get((location.slug, product.slug, kind), 12)
                    _level, made = StockLevel.objects.get_or_create(
                        part=part,
                        location=location,
                        defaults={"on_hand": on_hand, "reorder_level": 3, "reorder_quantity": 20},
                    )
                    created += made
        created += _slots_seed(locations)
    if tech is not None:
        created += _orders_seed(tech, locations, types)
    return created


def _slots_seed(locations: dict[str, ServiceLocation]) -> int:
    created = 0
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    for location in locations.values():
        for day in range(1, 8):
            date = today + timedelta(days=day)
            if date.weekday() == 6:
                continue
            for hour in range(10, 18):
                start = datetime.combine(date, time(hour), tzinfo=tz)
                _slot, made = ServiceSlot.objects.get_or_create(
                    location=location,
                    kind=ServiceSlot.Kind.IN_STORE,
                    starts_at=start,
                    defaults={"ends_at": start + timedelta(hours=1), "capacity": 2},
                )
                created += made
            for hour in (10, 14):
                start = datetime.combine(date, time(hour), tzinfo=tz)
                _slot, made = ServiceSlot.objects.get_or_create(
                    location=location,
                    kind=ServiceSlot.Kind.ON_SITE,
                    starts_at=start,
                    defaults={"ends_at": start + timedelta(hours=3), "capacity": 1},
                )
                created += made
    return created


def _orders_seed(tech: User, locations: dict[str, ServiceLocation], types: dict[str, RepairType]) -> int:
    created = 0
    # serial, location, repair type, mode, fault, how far it has gone
    plans = [
        ("GH7MF2LXK9Q3", "berlin", "battery", "in_store", "Akku hält keine zwei Stunden mehr", "returned"),
        ("F2LXK9Q0HG7M", "moscow", "display", "in_store", "Уронила телефон, экран треснул", "in_repair"),
        ("DNPZ4K7WN72J", "cork", "display", "on_site", "Dropped on the pavement, touch stopped working", "quote"),
        ("MQ9R2TX7HJ4P", "moscow", "liquid", "courier", "Телефон упал в воду и не включается", "intake"),
    ]
    for serial, location_slug, type_slug, mode, fault, goal in plans:
        device = Device.objects.select_related("product").filter(serial=serial).first()
        if device is None or RepairOrder.objects.filter(device=device, fault=fault).exists():
            continue
        location = locations[location_slug]
        order = repair_order_create(
            actor=tech, device=device, location=location, repair_type=types[type_slug], mode=mode, fault=fault
        )
        created += 1
        if mode == "courier":
            courier_leg_book(
                order=order,
                actor=tech,
                direction="pickup",
                carrier="CDEK",
                tracking_number=f"CDEK{order.pk:08d}",
                address="Москва, ул. Арбат, 12",
            )
            continue
        slot = ServiceSlot.objects.filter(
            location=location,
            kind=ServiceSlot.Kind.ON_SITE if mode == "on_site" else ServiceSlot.Kind.IN_STORE,
            starts_at__gt=timezone.now(),
            booked=0,
        ).first()
        if slot is not None and goal != "returned":
            address = "12 Patrick Street, Cork" if mode == "on_site" else ""
            slot_book(order=order, user=order.customer, slot=slot, address=address)
        order = repair_transition(order=order, actor=tech, action="start_diagnosis")
        repair_diagnosis_save(order=order, actor=tech, diagnosis=fault)
        kind = {"display": "DSP", "battery": "BAT", "liquid": "LB", "charging-port": "PRT"}[type_slug]
        part = Part.objects.filter(sku=f"{kind}-{device.product.slug.upper()}").first()
        if part is not None:
            repair_part_add(order=order, actor=tech, part=part, quantity=1)
        order = repair_transition(order=order, actor=tech, action="send_quote")
        if goal == "quote":
            continue
        order = repair_quote_decide(order=order, user=order.customer, accept=True)
        order = repair_transition(order=order, actor=tech, action="reserve_parts")
        order = repair_transition(order=order, actor=tech, action="start_repair", customer_present=True)
        if goal == "in_repair":
            continue
        for action in ("finish_repair", "pass_check", "return"):
            order = repair_transition(order=order, actor=tech, action=action)
    return created
