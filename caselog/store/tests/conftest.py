from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client, TestCase
from django.utils import timezone

from caselog.cases.tests.factories import CaseFactory
from caselog.store.models import ItemKind
from caselog.store.tests.factories import BillingProfileFactory, PurchaseFactory, StoreItemFactory


@pytest.fixture(autouse=True)
def _fast_hasher(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _commit_per_request(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test request ends like a real one: its on-commit callbacks (emails, linking) run."""
    original = Client.request

    def request(self: Client, **kwargs: Any) -> Any:
        with TestCase.captureOnCommitCallbacks(execute=True):
            return original(self, **kwargs)

    monkeypatch.setattr(Client, "request", request)


@pytest.fixture
def alice_billing(alice: Any) -> Any:
    return BillingProfileFactory(user=alice, address="Tverskaya ul. 7, kv. 12, 125009 Moscow", card_last4="4242")


@pytest.fixture
def alice_purchases(alice: Any, alice_billing: Any) -> dict[str, Any]:
    """A month of alice's store history: a free app, her own paid app, then two purchases she
    says she never made (the game's gems and a film), the newest last."""
    now = timezone.now()
    maps = PurchaseFactory(
        customer=alice, item=StoreItemFactory(name="Offline Maps", price=0), purchased_at=now - timedelta(days=30)
    )
    notes = PurchaseFactory(
        customer=alice, item=StoreItemFactory(name="Notes Pro"), purchased_at=now - timedelta(days=20)
    )
    gems = PurchaseFactory(
        customer=alice,
        item=StoreItemFactory(name="Gem Pack 1000", kind=ItemKind.APP, price="49.99"),
        purchased_at=now - timedelta(days=1),
    )
    film = PurchaseFactory(
        customer=alice,
        item=StoreItemFactory(name="Night Train", kind=ItemKind.MEDIA, price="14.99"),
        purchased_at=now - timedelta(hours=5),
    )
    return {"maps": maps, "notes": notes, "gems": gems, "film": film}


@pytest.fixture
def alice_dispute_case(alice: Any, ru_queue: Any, unauthorized_purchases: Any) -> Any:
    return CaseFactory(
        customer=alice,
        queue=ru_queue,
        request_type=unauthorized_purchases,
        locale="ru",
        subject="Покупки, которые я не совершала",
    )


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client
