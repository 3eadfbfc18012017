"""The repair cast: tess the technician at Moscow, tom the technician at Berlin (another
location: 404 on Moscow's orders), alice's iPhone, a display part in stock at Moscow."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from caselog.accounts.models import Role
from caselog.accounts.tests.factories import UserFactory
from caselog.devices.tests.factories import DeviceFactory, ProductFactory
from caselog.repairs.tests.factories import (
    PartFactory,
    RepairTypeFactory,
    ServiceLocationFactory,
    StockLevelFactory,
)


@pytest.fixture
def moscow(db: None) -> Any:
    return ServiceLocationFactory(slug="moscow", name="Moscow service center", city="Moscow", country="RU")


@pytest.fixture
def berlin(db: None) -> Any:
    return ServiceLocationFactory(slug="berlin", name="Berlin service center", city="Berlin", country="DE")


@pytest.fixture
def tess(moscow: Any) -> Any:
    user = UserFactory(username="tess", email="tess@example.com", locale="en", roles=[Role.TECHNICIAN])
    moscow.technicians.add(user)
    return user


@pytest.fixture
def tom(berlin: Any) -> Any:
    user = UserFactory(username="tom", email="tom@example.com", locale="en", roles=[Role.TECHNICIAN])
    berlin.technicians.add(user)
    return user


@pytest.fixture
def phone_product(db: None) -> Any:
    return ProductFactory(slug="phone-15", names={"en": "Phone 15"})


@pytest.fixture
def alice_phone(alice: Any, phone_product: Any) -> Any:
    return DeviceFactory(owner=alice, product=phone_product, serial="FXAB12CD34QK")


@pytest.fixture
def screen_repair(db: None) -> Any:
    return RepairTypeFactory(
        slug="display", names={"en": "Display replacement", "ru": "Замена дисплея"}, labour_price=Decimal("40.00")
    )


@pytest.fixture
def display_part(phone_product: Any) -> Any:
    return PartFactory(product=phone_product, sku="DSP-15", names={"en": "Display"}, price=Decimal("120.00"))


@pytest.fixture
def display_stock(display_part: Any, moscow: Any) -> Any:
    return StockLevelFactory(part=display_part, location=moscow, on_hand=3, reorder_level=1)
