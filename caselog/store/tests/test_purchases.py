from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from caselog.accounts.clients import Client as ClientInfo
from caselog.accounts.clients import client_network
from caselog.accounts.models import KnownDevice
from caselog.store.models import Purchase, StoreCreditEntry
from caselog.store.services import ORDER_NUMBER_ALPHABET, PurchasesHeld, purchase_create, store_credit_balance
from caselog.store.tests.conftest import english
from caselog.store.tests.factories import PurchaseHoldFactory, StoreCreditEntryFactory, StoreItemFactory
from conftest import client_for

pytestmark = pytest.mark.django_db


def laptop(token: str = "") -> ClientInfo:
    return ClientInfo(
        ip="198.51.100.7",
        network=client_network("198.51.100.7"),
        device_token=token,
        user_agent="Mozilla/5.0 (Macintosh; Mac OS X) Firefox/130.0",
    )


def test_purchase_gets_an_order_number_as_printed_on_receipts(alice, alice_billing):
    purchase = purchase_create(customer=alice, item=StoreItemFactory(), client=None)
    assert len(purchase.order_number) == 10
    assert set(purchase.order_number) <= set(ORDER_NUMBER_ALPHABET)
    assert (purchase.source, purchase.card_last4) == (Purchase.Source.CARD, "4242")


def test_free_item_is_a_free_download(alice):
    purchase = purchase_create(customer=alice, item=StoreItemFactory(price=0), client=None)
    assert purchase.is_free and purchase.amount == 0


def test_purchase_from_a_device_the_account_does_not_know_emails_an_alert(
    alice, alice_billing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        purchase = purchase_create(customer=alice, item=StoreItemFactory(name="Gem Pack"), client=laptop())
    assert len(mail.outbox) == 1
    assert purchase.order_number in mail.outbox[0].body
    assert "Firefox" in mail.outbox[0].body
    token = KnownDevice.objects.get(user=alice).token
    with django_capture_on_commit_callbacks(execute=True):
        purchase_create(customer=alice, item=StoreItemFactory(), client=laptop(token))
    assert len(mail.outbox) == 1


def test_store_refuses_purchases_while_the_account_is_held(alice, alice_billing, bob):
    PurchaseHoldFactory(customer=alice, placed_by=bob)
    with pytest.raises(PurchasesHeld):
        purchase_create(customer=alice, item=StoreItemFactory(), client=None)
    with pytest.raises(PurchasesHeld):
        purchase_create(customer=alice, item=StoreItemFactory(price=0), client=None)
    assert not Purchase.objects.filter(customer=alice).exists()


def test_lifted_hold_no_longer_blocks(alice, alice_billing, bob):
    from django.utils import timezone

    PurchaseHoldFactory(customer=alice, placed_by=bob, lifted_at=timezone.now(), lifted_by=bob)
    assert purchase_create(customer=alice, item=StoreItemFactory(), client=None).pk


def test_paying_with_store_credit_needs_enough_credit_and_spends_it(alice):
    item = StoreItemFactory(price=Decimal("5.00"))
    with pytest.raises(ValidationError):
        purchase_create(customer=alice, item=item, client=None, pay_with=Purchase.Source.STORE_CREDIT)
    StoreCreditEntryFactory(customer=alice, amount=Decimal("7.50"))
    purchase = purchase_create(customer=alice, item=item, client=None, pay_with=Purchase.Source.STORE_CREDIT)
    assert store_credit_balance(customer=alice) == Decimal("2.50")
    assert StoreCreditEntry.objects.get(purchase=purchase).amount == Decimal("-5.00")


def test_paying_by_card_needs_a_card_on_file(alice):
    with pytest.raises(ValidationError):
        purchase_create(customer=alice, item=StoreItemFactory(), client=None)


def test_customer_buys_in_the_store_and_sees_the_order_number(alice, alice_billing):
    item = StoreItemFactory(name="Notes Pro")
    client = english(client_for(alice))
    response = client.post(f"/store/items/{item.pk}/buy/", {"pay_with": "card"}, follow=True)
    purchase = Purchase.objects.get(customer=alice)
    assert purchase.order_number in response.content.decode()
    assert "caselog_device" in client.cookies


def test_held_customer_gets_the_refusal_on_the_store_page(alice, alice_billing, bob):
    PurchaseHoldFactory(customer=alice, placed_by=bob)
    item = StoreItemFactory()
    response = english(client_for(alice)).post(f"/store/items/{item.pk}/buy/", {"pay_with": "card"})
    assert response.status_code == 422
    assert "Downloads and purchases are disabled on this account for now." in response.content.decode()


def test_buying_an_unknown_item_is_404(alice):
    assert client_for(alice).post("/store/items/999999/buy/").status_code == 404


def test_customer_sees_only_their_own_purchases(alice, charlie, alice_purchases):
    page = client_for(charlie).get("/store/purchases/").content.decode()
    assert alice_purchases["gems"].order_number not in page
    assert alice_purchases["gems"].order_number in client_for(alice).get("/store/purchases/").content.decode()


def test_anonymous_visitor_is_sent_to_sign_in_from_store_pages(db):
    for url in ("/store/", "/store/purchases/"):
        assert Client().get(url)["Location"].startswith("/accounts/login/")


def test_purchases_page_is_paginated_and_needs_few_queries(alice, alice_billing, django_assert_max_num_queries):
    from caselog.store.tests.factories import PurchaseFactory

    PurchaseFactory.create_batch(25, customer=alice)
    client = client_for(alice)
    with django_assert_max_num_queries(12):
        response = client.get("/store/purchases/")
    assert response.content.decode().count("<code>") == 20
    assert client.get("/store/purchases/?page=2").content.decode().count("<code>") == 5
    assert client.get("/store/purchases/?page=abc").status_code == 200
