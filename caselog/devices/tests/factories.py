from __future__ import annotations

from datetime import date, timedelta

import factory
from django.utils import timezone

from caselog.accounts.tests.factories import UserFactory
from caselog.devices.models import (
    AccessibilityProfile,
    AccountContentCounts,
    AccountServiceState,
    CoveragePlan,
    CustomerPhone,
    Device,
    DeviceEvent,
    DiagnosticReport,
    DiagnosticRequest,
    DiagnosticResult,
    Product,
    ProductLine,
    ProofOfPurchase,
)

SERIAL_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"


def serial_for(n: int) -> str:
    """A valid, distinct 12-character serial for sequence number n."""
    chars = []
    for _position in range(8):
        n, index = divmod(n, len(SERIAL_ALPHABET))
        chars.append(SERIAL_ALPHABET[index])
    return "FX" + "".join(reversed(chars)) + "QK"


class ProductLineFactory(factory.django.DjangoModelFactory[ProductLine]):
    class Meta:
        model = ProductLine
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"line-{n}")
    names = factory.LazyAttribute(lambda line: {"en": line.slug.title()})


class ProductFactory(factory.django.DjangoModelFactory[Product]):
    class Meta:
        model = Product

    line = factory.SubFactory(ProductLineFactory)
    slug = factory.Sequence(lambda n: f"product-{n}")
    names = factory.LazyAttribute(lambda product: {"en": f"Phone {product.slug}"})
    internal_name = "Phone1,1"


class CoveragePlanFactory(factory.django.DjangoModelFactory[CoveragePlan]):
    class Meta:
        model = CoveragePlan

    line = factory.SubFactory(ProductLineFactory)
    slug = factory.Sequence(lambda n: f"plan-{n}")
    names = {"en": "Care+", "de": "Care+", "ru": "Care+"}
    phone_support_days = 730
    warranty_days = 730


class DeviceFactory(factory.django.DjangoModelFactory[Device]):
    class Meta:
        model = Device

    serial = factory.Sequence(serial_for)
    product = factory.SubFactory(ProductFactory)
    owner = factory.SubFactory(UserFactory)
    purchase_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    purchase_date_source = Device.PurchaseDateSource.SALES_RECORD


class ProofOfPurchaseFactory(factory.django.DjangoModelFactory[ProofOfPurchase]):
    class Meta:
        model = ProofOfPurchase

    device = factory.SubFactory(DeviceFactory)
    uploaded_by = factory.LazyAttribute(lambda receipt: receipt.device.owner)
    file = factory.django.FileField(filename="receipt.pdf", data=b"%PDF-1.4 test receipt")
    content_type = "application/pdf"
    claimed_purchase_date = date(2026, 1, 15)


class DeviceEventFactory(factory.django.DjangoModelFactory[DeviceEvent]):
    class Meta:
        model = DeviceEvent

    device = factory.SubFactory(DeviceFactory)
    kind = DeviceEvent.Kind.SERVICE
    title = factory.Sequence(lambda n: f"Service event {n}")
    occurred_at = factory.LazyFunction(timezone.now)


class DiagnosticRequestFactory(factory.django.DjangoModelFactory[DiagnosticRequest]):
    class Meta:
        model = DiagnosticRequest

    device = factory.SubFactory(DeviceFactory)
    requested_by = factory.SubFactory(UserFactory)


class DiagnosticReportFactory(factory.django.DjangoModelFactory[DiagnosticReport]):
    class Meta:
        model = DiagnosticReport

    device = factory.SubFactory(DeviceFactory)
    tool = "Diagnostics 3.2"
    ran_at = factory.LazyFunction(timezone.now)


class DiagnosticResultFactory(factory.django.DjangoModelFactory[DiagnosticResult]):
    class Meta:
        model = DiagnosticResult

    report = factory.SubFactory(DiagnosticReportFactory)
    component = "battery"
    result = DiagnosticReport.Result.PASS
    measurements = factory.LazyFunction(lambda: {"health_percent": 97, "cycle_count": 112})


class AccountServiceStateFactory(factory.django.DjangoModelFactory[AccountServiceState]):
    class Meta:
        model = AccountServiceState

    user = factory.SubFactory(UserFactory)
    service = "messaging"
    enabled = False
    reason = "Spam reports"
    changed_by = factory.SubFactory(UserFactory)


class AccountContentCountsFactory(factory.django.DjangoModelFactory[AccountContentCounts]):
    class Meta:
        model = AccountContentCounts

    user = factory.SubFactory(UserFactory)
    photos = 1234
    contacts = 56
    notes = 7
    backup_bytes = 5 * 1024**3
    reported_at = factory.LazyFunction(timezone.now)


class AccessibilityProfileFactory(factory.django.DjangoModelFactory[AccessibilityProfile]):
    class Meta:
        model = AccessibilityProfile

    user = factory.SubFactory(UserFactory)
    needs = factory.LazyFunction(lambda: ["hearing"])
    contact_modes = factory.LazyFunction(lambda: ["text_chat", "email"])


class CustomerPhoneFactory(factory.django.DjangoModelFactory[CustomerPhone]):
    class Meta:
        model = CustomerPhone

    user = factory.SubFactory(UserFactory)
    e164 = factory.Sequence(lambda n: f"+4915{n:09d}")
