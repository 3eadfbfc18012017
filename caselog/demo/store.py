"""Store demo data: a small catalogue, billing profiles and purchase histories for the demo
customers, suspicious purchases on ivan's account and a card refund on its way. Idempotent:
order numbers are derived from the customer and the line, so a second run creates nothing."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from caselog.accounts.models import KnownDevice, Role, User
from caselog.cases.models import Case
from caselog.demo.clock import member_since, rows_shift, weeks_behind
from caselog.store.models import BillingProfile, ItemKind, Purchase, Refund, StoreItem
from caselog.store.services import ORDER_NUMBER_ALPHABET, dispute_link_orders, purchase_hold_place, refund_issue

DEMO_PASSWORD = "Demo-Pass-2024"
# The order number the demo's unauthorized-purchase cases quote from the receipt.
REPORTED_ORDER_NUMBER = "MK7QX2LP9R"

CUSTOMERS = [
    ("anna@example.com", "Анна", "Иванова", "ru", "ул. Тверская, д. 7, кв. 12, 125009 Москва", "4417"),
    ("lukas@example.com", "Lukas", "Becker", "de", "Torstraße 18, 10119 Berlin", "0032"),
    ("emma@example.com", "Emma", "Brown", "en", "14 Quay Street, Cork T12 X8KD", "7781"),
    ("ivan@example.com", "Иван", "Петров", "ru", "пр. Мира, д. 21, кв. 5, 129090 Москва", "5120"),
]

ITEMS = [
    (ItemKind.APP, "Offline Maps", "0.00"),
    (ItemKind.APP, "Notes Pro", "4.99"),
    (ItemKind.APP, "Photo Studio", "9.99"),
    (ItemKind.APP, "Kingdom Quest", "0.00"),
    (ItemKind.APP, "Kingdom Quest: 1000 Gems", "49.99"),
    (ItemKind.MEDIA, "Night Train (film)", "14.99"),
    (ItemKind.MEDIA, "Blue Hour (album)", "9.99"),
    (ItemKind.SUBSCRIPTION, "Music Family, 1 month", "16.99"),
    (ItemKind.SUBSCRIPTION, "Cloud 200 GB, 1 month", "2.99"),
]

# (item name, days ago, paid with) per customer, oldest first.
HISTORY = [
    ("Offline Maps", 120, "free"),
    ("Notes Pro", 90, "card"),
    ("Cloud 200 GB, 1 month", 60, "card"),
    ("Blue Hour (album)", 30, "card"),
    ("Cloud 200 GB, 1 month", 30, "card"),
    ("Photo Studio", 12, "card"),
]
IVAN_SUSPICIOUS = [
    ("Kingdom Quest", 1),
    ("Kingdom Quest: 1000 Gems", 1),
    ("Kingdom Quest: 1000 Gems", 1),
    ("Night Train (film)", 1),
]


def _order_number(email: str, line: int) -> str:
    digest = hashlib.sha256(f"caselog-demo:{email}:{line}".encode()).digest()
    return "".join(ORDER_NUMBER_ALPHABET[byte % len(ORDER_NUMBER_ALPHABET)] for byte in digest[:10])


def _customer(email: str, first: str, last: str, locale: str) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"username": email.split("@")[0], "first_name": first, "last_name": last, "locale": locale},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.date_joined = member_since(email)
        user.save(update_fields=["password", "date_joined"])
    user.groups.add(*Group.objects.filter(name=Role.CUSTOMER.value))
    return user


def _purchase(
    *,
    customer: User,
    item: StoreItem,
    order_number: str,
    days_ago: float,
    source: str,
    card: str,
    device: KnownDevice | None,
) -> bool:
    _purchase_row, created = Purchase.objects.get_or_create(
        order_number=order_number,
        defaults={
            "customer": customer,
            "item": item,
            "item_name": item.name,
            "kind": item.kind,
            "amount": item.price,
            "currency": item.currency,
            "source": "free" if item.price == 0 else source,
            "card_last4": card if item.price and source == "card" else "",
            "device": device,
            "device_label": device.label if device else "",
            "purchased_at": timezone.now() - timedelta(days=days_ago),
        },
    )
    return created


def demo_store_seed() -> int:
    """Seed the store; returns how many purchases were created (0 on a second run)."""
    from caselog.accounts.roles import roles_sync

    roles_sync()
    created = 0
    with transaction.atomic():
        items = {
            name: StoreItem.objects.get_or_create(kind=kind, name=name, defaults={"price": Decimal(price)})[0]
            for kind, name, price in ITEMS
        }
        for email, first, last, locale, address, card in CUSTOMERS:
            customer = _customer(email, first, last, locale)
            BillingProfile.objects.get_or_create(user=customer, defaults={"address": address, "card_last4": card})
            phone, _new = KnownDevice.objects.get_or_create(
                user=customer,
                token=f"demo-{customer.pk}-phone",
                defaults={
                    "label": "Safari · iPhone",
                    "first_ip": "192.0.2.10",
                    "last_ip": "192.0.2.10",
                    "last_seen_at": timezone.now(),
                },
            )
            for line, (name, days_ago, source) in enumerate(HISTORY):
                created += _purchase(
                    customer=customer,
                    item=items[name],
                    order_number=_order_number(email, line),
                    days_ago=days_ago,
                    source=source,
                    card=card,
                    device=phone,
                )
        ivan = User.objects.get(email="ivan@example.com")
        stranger, _new = KnownDevice.objects.get_or_create(
            user=ivan,
            token=f"demo-{ivan.pk}-stranger",
            defaults={
                "label": "Chrome · Android",
                "first_ip": "203.0.113.77",
                "last_ip": "203.0.113.77",
                "last_seen_at": timezone.now() - timedelta(days=1),
            },
        )
        for line, (name, days_ago) in enumerate(IVAN_SUSPICIOUS):
            number = REPORTED_ORDER_NUMBER if line == 1 else _order_number("ivan@example.com", 100 + line)
            created += _purchase(
                customer=ivan,
                item=items[name],
                order_number=number,
                days_ago=days_ago - line * 0.01,
                source="card",
                card="5120",
                device=stranger,
            )
        agent = User.objects.filter(groups__name=Role.AGENT.value, agent_profile__languages__icontains="ru").first()
        agent = agent or User.objects.filter(groups__name=Role.AGENT.value).first()
        if agent is not None:
            gems = Purchase.objects.get(order_number=REPORTED_ORDER_NUMBER)
            if not Refund.objects.filter(purchase=gems).exists():
                refund_issue(agent=agent, purchase=gems)
            purchase_hold_place(agent=agent, customer=ivan, reason="Unauthorized purchases reported (demo)")
        for case in Case.objects.filter(customer=ivan, request_type__slug="unauthorized-purchases"):
            dispute_link_orders(case=case)
        _keep_current(list(User.objects.filter(email__in=[row[0] for row in CUSTOMERS])))
    return created


def _keep_current(customers: list[User]) -> int:
    """On a run weeks after the first, move the demo purchases (with their refunds and the devices
    they came from) forward by whole weeks, so Ivan's suspicious purchases are still from
    yesterday-ish; purchases made since stay where they are."""
    purchases = Purchase.objects.filter(customer__in=customers)
    latest = purchases.aggregate(latest=Max("purchased_at"))["latest"]
    if latest is None:
        return 0
    delta = weeks_behind(latest)
    demo_purchases = purchases.filter(purchased_at__lte=latest)
    rows_shift(Refund.objects.filter(purchase__in=demo_purchases), delta)
    rows_shift(KnownDevice.objects.filter(user__in=customers, token__startswith="demo-"), delta)
    return rows_shift(demo_purchases, delta)
