"""Demo data for devices: product lines and products, the demo customers' devices with their
coverage, receipts, history and diagnostics, a partner with its agent, an accessibility
customer. Idempotent: a second run creates nothing new."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from caselog.accounts.models import PartnerOrganisation, Role, User
from caselog.accounts.roles import roles_sync
from caselog.demo import people
from caselog.demo.clock import member_since
from caselog.devices.models import (
    AccessibilityProfile,
    AccountContentCounts,
    CoveragePlan,
    Device,
    DeviceEvent,
    DiagnosticReport,
    DiagnosticResult,
    Product,
    ProductLine,
)
from caselog.devices.services import customer_phone_sync, device_history_add

DEMO_PASSWORD = "Demo-Pass-2024"

LINES: dict[str, dict[str, Any]] = {
    "iphone": {"names": {"en": "iPhone", "de": "iPhone", "ru": "iPhone"}},
    "ipad": {"names": {"en": "iPad", "de": "iPad", "ru": "iPad"}},
    "mac": {"names": {"en": "Mac", "de": "Mac", "ru": "Mac"}, "phone_support_days": 90, "warranty_days": 365},
    "watch": {"names": {"en": "Watch", "de": "Watch", "ru": "Watch"}},
}
PRODUCTS = [
    ("iphone", "iphone-15", "iPhone 15", "iPhone15,4", date(2023, 9, 22)),
    ("iphone", "iphone-15-pro", "iPhone 15 Pro", "iPhone16,1", date(2023, 9, 22)),
    ("iphone", "iphone-14", "iPhone 14", "iPhone14,7", date(2022, 9, 16)),
    ("ipad", "ipad-air-m2", "iPad Air (M2)", "iPad14,8", date(2024, 5, 15)),
    ("mac", "macbook-air-m3", 'MacBook Air 13" (M3)', "Mac15,12", date(2024, 3, 8)),
    ("watch", "watch-series-9", "Apple Watch Series 9", "Watch7,3", date(2023, 9, 22)),
]
PLANS = [
    ("iphone", "care-plus-iphone", {"en": "Care+ for iPhone", "de": "Care+ für iPhone", "ru": "Care+ для iPhone"}),
    ("mac", "care-plus-mac", {"en": "Care+ for Mac", "de": "Care+ für Mac", "ru": "Care+ для Mac"}),
]
# email, first, last, locale, phone
CUSTOMERS = people.CUSTOMERS
# serial, owner email, product slug, days since purchase, source, plan, partner?
DEVICES = [
    ("F2LXK9Q0HG7M", "anna@example.com", "iphone-15", 40, "sales_record", None, False),
    ("DMPXQ4R7LK2N", "anna@example.com", "watch-series-9", 400, "sales_record", None, False),
    ("C02ZM4HXMD6T", "lukas@example.com", "macbook-air-m3", 200, "receipt", "care-plus-mac", False),
    ("GH7MF2LXK9Q3", "lukas@example.com", "iphone-14", 700, "sales_record", None, False),
    ("HX4T9WQ2VR8K", "emma@example.com", "ipad-air-m2", 20, "unknown", None, False),
    ("DNPZ4K7WN72J", "emma@example.com", "iphone-15-pro", 120, "sales_record", "care-plus-iphone", False),
    ("MQ9R2TX7HJ4P", "ivan@example.com", "iphone-15", 60, "sales_record", None, True),
    ("JK3W8NVC5Q1L", "ivan@example.com", "iphone-14", 500, "sales_record", None, True),
    ("L7VQX2MR9T4D", "helen@example.com", "iphone-15", 15, "sales_record", None, False),
]
HISTORY: dict[str, list[tuple[int, str, str, str]]] = {
    "GH7MF2LXK9Q3": [
        (650, "repair", "Screen replaced after a drop (in store)", "R-DEMO-1001"),
        (300, "repair", "Battery replaced: health was 76 %", "R-DEMO-1002"),
    ],
    "JK3W8NVC5Q1L": [(200, "repair", "Liquid damage: logic board replaced (courier pick-up)", "R-DEMO-1003")],
    "C02ZM4HXMD6T": [(150, "coverage", "Care+ for Mac added", "PLAN-DEMO-1")],
}
DIAGNOSTICS: dict[str, list[tuple[str, str, dict[str, Any]]]] = {
    "GH7MF2LXK9Q3": [
        ("battery", "warning", {"health_percent": 81, "cycle_count": 642}),
        ("display", "pass", {}),
        ("rear_camera", "pass", {}),
        ("charging_port", "pass", {}),
        ("liquid_contact", "pass", {"tripped": False}),
        ("storage", "pass", {"free_gb": 38}),
    ],
    "F2LXK9Q0HG7M": [
        ("battery", "pass", {"health_percent": 100, "cycle_count": 31}),
        ("display", "pass", {}),
        ("sensors", "pass", {}),
        ("charging_port", "fail", {"max_current_ma": 120}),
    ],
    "JK3W8NVC5Q1L": [
        ("battery", "pass", {"health_percent": 92, "cycle_count": 301}),
        ("liquid_contact", "fail", {"tripped": True}),
        ("speaker", "warning", {"distortion_percent": 7}),
    ],
}


def _customer(email: str, first: str, last: str, locale: str, phone: str) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "username": email.split("@")[0],
            "first_name": first,
            "last_name": last,
            "locale": locale,
            "phone": phone,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.date_joined = member_since(email)
        user.save(update_fields=["password", "date_joined"])
        user.groups.add(Group.objects.get(name=Role.CUSTOMER))
    people.customer_details_complete(user)
    customer_phone_sync(user=user)
    return user


def demo_devices_seed() -> int:
    """Create the demo devices world; returns how many objects were created this run."""
    roles_sync()
    created = 0
    today = timezone.localdate()
    with transaction.atomic():
        lines = {}
        for slug, values in LINES.items():
            lines[slug], made = ProductLine.objects.get_or_create(slug=slug, defaults=values)
            created += made
        products = {}
        for line, slug, name, code, released in PRODUCTS:
            products[slug], made = Product.objects.get_or_create(
                slug=slug,
                defaults={"line": lines[line], "names": {"en": name}, "internal_name": code, "released_on": released},
            )
            created += made
        plans = {}
        for line, slug, names in PLANS:
            plans[slug], made = CoveragePlan.objects.get_or_create(
                slug=slug,
                defaults={"line": lines[line], "names": names, "phone_support_days": 730, "warranty_days": 730},
            )
            created += made
        partner, made = PartnerOrganisation.objects.get_or_create(name="MegaFon Retail")
        created += made
        partner_agent, made = User.objects.get_or_create(
            email="partner@example.com",
            defaults={
                "username": "partner",
                "first_name": "Павел",
                "last_name": "Орлов",
                "locale": "ru",
                "partner": partner,
            },
        )
        if made:
            partner_agent.set_password(DEMO_PASSWORD)
            partner_agent.save(update_fields=["password"])
            partner_agent.groups.add(Group.objects.get(name=Role.PARTNER_AGENT))
            created += 1
        users = {row[0]: _customer(*row) for row in CUSTOMERS}
        _profile, made = AccessibilityProfile.objects.get_or_create(
            user=users["helen@example.com"],
            defaults={
                "needs": ["hearing"],
                "contact_modes": ["text_chat", "sign_video", "email"],
                "note": "Please do not call; text or BSL video relay only.",
            },
        )
        created += made
        for serial, email, product, age, source, plan, via_partner in DEVICES:
            purchased = today - timedelta(days=age)
            device, made = Device.objects.get_or_create(
                serial=serial,
                defaults={
                    "product": products[product],
                    "owner": users[email],
                    "partner": partner if via_partner else None,
                    "purchase_date": None if source == "unknown" else purchased,
                    "purchase_date_source": source,
                    "plan": plans[plan] if plan else None,
                },
            )
            created += made
            if made:
                device_history_add(
                    device=device,
                    kind=DeviceEvent.Kind.PURCHASE,
                    title=f"Sold through {partner.name}" if via_partner else "Sold in our online store",
                    occurred_at=_at(purchased),
                    reference="demo-purchase",
                )
            for days_ago, kind, title, reference in HISTORY.get(serial, []):
                device_history_add(
                    device=device,
                    kind=kind,
                    title=title,
                    occurred_at=_at(today - timedelta(days=days_ago)),
                    source="repairs" if kind == "repair" else "devices",
                    reference=reference,
                )
            if serial in DIAGNOSTICS and not device.diagnostic_reports.exists():
                report = DiagnosticReport.objects.create(
                    device=device, tool="Diagnostics 3.2 (demo)", ran_at=_at(today - timedelta(days=3))
                )
                DiagnosticResult.objects.bulk_create(
                    DiagnosticResult(report=report, component=component, result=result, measurements=measurements)
                    for component, result, measurements in DIAGNOSTICS[serial]
                )
                failing = [c for c, r, _m in DIAGNOSTICS[serial] if r != "pass"]
                device_history_add(
                    device=device,
                    kind=DeviceEvent.Kind.DIAGNOSTICS,
                    title=f"Diagnostics: {len(failing)} of {len(DIAGNOSTICS[serial])} components need attention",
                    detail=", ".join(failing),
                    occurred_at=report.ran_at,
                    reference=f"diagnostics-report-{report.pk}",
                )
                created += 1
        for email, photos, contacts, notes, backup in [
            ("anna@example.com", 4821, 312, 45, 68_719_476_736),
            ("lukas@example.com", 1290, 140, 12, 21_474_836_480),
            ("ivan@example.com", 15034, 820, 3, 137_438_953_472),
        ]:
            _counts, made = AccountContentCounts.objects.get_or_create(
                user=users[email],
                defaults={
                    "photos": photos,
                    "contacts": contacts,
                    "notes": notes,
                    "backup_bytes": backup,
                    "reported_at": timezone.now(),
                },
            )
            created += made
    return created


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(11, 0)))
