from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone, translation

from caselog.accounts.models import Role
from caselog.accounts.tests.factories import PartnerOrganisationFactory, UserFactory
from caselog.devices.tests.factories import DeviceFactory, ProductFactory, ProductLineFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Argon2 is right for production and far too slow for hundreds of test users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_outside_requests() -> Any:
    # A request activates the user's language on this thread; service messages read in English.
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache() -> Any:
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def iphone_line(db: None) -> Any:
    return ProductLineFactory(slug="iphone", names={"en": "iPhone", "de": "iPhone", "ru": "iPhone"})


@pytest.fixture
def iphone_15(iphone_line: Any) -> Any:
    return ProductFactory(line=iphone_line, slug="iphone-15", names={"en": "iPhone 15"}, internal_name="iPhone15,4")


@pytest.fixture
def alice_iphone(alice: Any, iphone_15: Any) -> Any:
    return DeviceFactory(
        serial="F2LXK9Q0HG7M",
        product=iphone_15,
        owner=alice,
        purchase_date=timezone.localdate() - timedelta(days=30),
    )


@pytest.fixture
def charlie_iphone(charlie: Any, iphone_15: Any) -> Any:
    return DeviceFactory(serial="DNPZ4K7WN72J", product=iphone_15, owner=charlie)


@pytest.fixture
def megafon(db: None) -> Any:
    return PartnerOrganisationFactory(name="MegaFon Retail")


@pytest.fixture
def paul_partner(megafon: Any) -> Any:
    """Paul works for MegaFon: he sees only the devices MegaFon sold."""
    return UserFactory(username="paul", email="paul@megafon.example", partner=megafon, roles=[Role.PARTNER_AGENT])


@pytest.fixture
def charlie_megafon_iphone(charlie: Any, iphone_15: Any, megafon: Any) -> Any:
    return DeviceFactory(serial="GH7MF2LXK9Q3", product=iphone_15, owner=charlie, partner=megafon)


# Page text is asserted in English here; test_i18n.py covers the Russian and German pages.
@pytest.fixture
def bob(bob: Any) -> Any:
    bob.locale = "en"
    bob.save(update_fields=["locale"])
    return bob


@pytest.fixture
def alice(alice: Any) -> Any:
    alice.locale = "en"
    alice.save(update_fields=["locale"])
    return alice
