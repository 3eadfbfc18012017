from __future__ import annotations

from decimal import Decimal

import factory
from django.utils import timezone

from caselog.accounts.tests.factories import UserFactory
from caselog.store.models import (
    BillingProfile,
    DisputedPurchase,
    ItemKind,
    Purchase,
    PurchaseHold,
    ReactivationAttempt,
    Refund,
    StoreCreditEntry,
    StoreItem,
)
from caselog.store.services import order_number_new


class StoreItemFactory(factory.django.DjangoModelFactory[StoreItem]):
    class Meta:
        model = StoreItem

    kind = ItemKind.APP
    name = factory.Sequence(lambda n: f"App {n}")
    price = Decimal("4.99")
    currency = "EUR"


class BillingProfileFactory(factory.django.DjangoModelFactory[BillingProfile]):
    class Meta:
        model = BillingProfile

    user = factory.SubFactory(UserFactory)
    address = "Tverskaya ul. 7, kv. 12, 125009 Moscow"
    card_last4 = "4242"


class PurchaseFactory(factory.django.DjangoModelFactory[Purchase]):
    class Meta:
        model = Purchase

    order_number = factory.LazyFunction(order_number_new)
    customer = factory.SubFactory(UserFactory)
    item = factory.SubFactory(StoreItemFactory)
    item_name = factory.LazyAttribute(lambda p: p.item.name)
    kind = factory.LazyAttribute(lambda p: p.item.kind)
    amount = factory.LazyAttribute(lambda p: p.item.price)
    currency = factory.LazyAttribute(lambda p: p.item.currency)
    source = factory.LazyAttribute(lambda p: Purchase.Source.FREE if p.item.price == 0 else Purchase.Source.CARD)
    card_last4 = factory.LazyAttribute(lambda p: "" if p.item.price == 0 else "4242")
    purchased_at = factory.LazyFunction(timezone.now)


class RefundFactory(factory.django.DjangoModelFactory[Refund]):
    class Meta:
        model = Refund

    purchase = factory.SubFactory(PurchaseFactory)
    amount = factory.LazyAttribute(lambda r: r.purchase.amount)
    currency = factory.LazyAttribute(lambda r: r.purchase.currency)
    destination = factory.LazyAttribute(lambda r: r.purchase.source)
    state = Refund.State.PROCESSING
    issued_by = factory.SubFactory(UserFactory)
    created_at = factory.LazyFunction(timezone.now)


class StoreCreditEntryFactory(factory.django.DjangoModelFactory[StoreCreditEntry]):
    class Meta:
        model = StoreCreditEntry

    customer = factory.SubFactory(UserFactory)
    amount = Decimal("20.00")
    currency = "EUR"
    created_at = factory.LazyFunction(timezone.now)


class PurchaseHoldFactory(factory.django.DjangoModelFactory[PurchaseHold]):
    class Meta:
        model = PurchaseHold

    customer = factory.SubFactory(UserFactory)
    reason = "Unauthorized purchases reported"
    placed_by = factory.SubFactory(UserFactory)
    placed_at = factory.LazyFunction(timezone.now)


class DisputedPurchaseFactory(factory.django.DjangoModelFactory[DisputedPurchase]):
    class Meta:
        model = DisputedPurchase

    purchase = factory.SubFactory(PurchaseFactory)
    reported_at = factory.LazyFunction(timezone.now)


class ReactivationAttemptFactory(factory.django.DjangoModelFactory[ReactivationAttempt]):
    class Meta:
        model = ReactivationAttempt

    customer = factory.SubFactory(UserFactory)
    agent = factory.SubFactory(UserFactory)
    succeeded = False
    created_at = factory.LazyFunction(timezone.now)
