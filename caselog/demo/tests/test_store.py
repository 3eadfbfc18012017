from __future__ import annotations

import pytest

from caselog.accounts.models import User
from caselog.demo.store import DEMO_PASSWORD, REPORTED_ORDER_NUMBER, demo_store_seed
from caselog.store.models import Purchase, PurchaseHold, Refund

pytestmark = pytest.mark.django_db


def test_demo_seed_creates_histories_suspicious_purchases_and_a_refund_in_progress_once(bob):
    created = demo_store_seed()
    assert created == Purchase.objects.count() > 20
    ivan = User.objects.get(email="ivan@example.com")
    assert ivan.check_password(DEMO_PASSWORD) and ivan.locale == "ru"
    assert Purchase.objects.filter(customer=ivan, device_label="Chrome · Android").count() == 4
    assert Refund.objects.get(purchase__order_number=REPORTED_ORDER_NUMBER).state == Refund.State.PROCESSING
    assert PurchaseHold.objects.filter(customer=ivan, lifted_at__isnull=True).exists()
    assert {
        u.locale for u in User.objects.filter(email__in=["anna@example.com", "lukas@example.com", "emma@example.com"])
    } == {"ru", "de", "en"}
    assert demo_store_seed() == 0
    assert Refund.objects.count() == 1


def test_demo_seed_keeps_an_existing_customers_password(bob):
    from caselog.accounts.tests.factories import UserFactory

    UserFactory(email="anna@example.com", username="anna", password="Own-Pass-123")
    demo_store_seed()
    assert User.objects.get(email="anna@example.com").check_password("Own-Pass-123")
