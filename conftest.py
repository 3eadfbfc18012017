"""The cast every test reuses: alice the customer, bob the Russian-language agent,
dora the German-language agent (another department), maria the manager, charlie the
other customer who must get 404 on alice's things."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from caselog.accounts.models import Role
from caselog.accounts.tests.factories import UserFactory
from caselog.cases.tests.factories import (
    CaseFactory,
    DepartmentFactory,
    QueueFactory,
    RequestTypeFactory,
    agent_create,
)
from caselog.knowledge.tests.factories import ProductGroupFactory, TopicFactory


def pytest_addoption(parser: Any) -> None:
    parser.addoption(
        "--moved-clock",
        default=os.environ.get("CASELOG_MOVED_CLOCK", ""),
        help="run with the clock moved to this ISO 8601 moment (it keeps ticking): proves no test depends on today",
    )


def pytest_configure(config: Any) -> None:
    moment = config.getoption("--moved-clock")
    if moment:
        # Every clock Python reads (datetime.now, time.time, date.today, timezone.now) starts
        # at `moment`; tests that pin a moment of their own travel again on top of it.
        traveller = time_machine.travel(datetime.fromisoformat(moment), tick=True)
        traveller.start()
        config.stash[_MOVED_CLOCK] = traveller


def pytest_report_header(config: Any) -> str | None:
    moment = config.getoption("--moved-clock")
    return f"clock moved to {moment} (now {datetime.now().astimezone().isoformat()})" if moment else None


_MOVED_CLOCK = pytest.StashKey[Any]()


@pytest.fixture(autouse=True)
def _english_unless_asked(settings: Any) -> Iterator[None]:
    """Each test starts in English; a test that switches language cannot leak it to the next."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": []}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def iphone(db: None) -> Any:
    return ProductGroupFactory(slug="iphone", names={"en": "iPhone", "de": "iPhone", "ru": "iPhone"})


@pytest.fixture
def battery_topic(iphone: Any) -> Any:
    return TopicFactory(
        product_group=iphone,
        slug="battery",
        names={"en": "Battery and charging", "de": "Akku und Laden", "ru": "Аккумулятор и зарядка"},
    )


@pytest.fixture
def wont_charge(battery_topic: Any) -> Any:
    return RequestTypeFactory(
        topic=battery_topic,
        slug="wont-charge",
        names={"en": "My device won't charge", "de": "Mein Gerät lädt nicht", "ru": "Устройство не заряжается"},
        first_response_hours=48,
    )


@pytest.fixture
def store_group(db: None) -> Any:
    return ProductGroupFactory(
        slug="account-store", names={"en": "Account & Store", "de": "Account & Store", "ru": "Аккаунт и магазин"}
    )


@pytest.fixture
def unauthorized_purchases(store_group: Any) -> Any:
    topic = TopicFactory(
        product_group=store_group, slug="purchases", names={"en": "Purchases", "de": "Käufe", "ru": "Покупки"}
    )
    return RequestTypeFactory(
        topic=topic,
        slug="unauthorized-purchases",
        names={
            "en": "I have unauthorized purchases on my account",
            "de": "Nicht autorisierte Käufe",
            "ru": "Несанкционированные покупки",
        },
        needs_order_number=True,
        first_response_hours=24,
    )


@pytest.fixture
def ru_department(db: None) -> Any:
    return DepartmentFactory(name="Russian support, Moscow", language="ru", country="RU")


@pytest.fixture
def de_department(db: None) -> Any:
    return DepartmentFactory(name="German support, Berlin", language="de", country="DE")


@pytest.fixture
def en_department(db: None) -> Any:
    return DepartmentFactory(name="English support, Cork", language="en", country="IE")


@pytest.fixture
def ru_queue(ru_department: Any, iphone: Any, store_group: Any) -> Any:
    return QueueFactory(department=ru_department, name="Devices", product_groups=[iphone, store_group])


@pytest.fixture
def de_queue(de_department: Any, iphone: Any, store_group: Any) -> Any:
    return QueueFactory(department=de_department, name="Geräte", product_groups=[iphone, store_group])


@pytest.fixture
def en_queue(en_department: Any, iphone: Any, store_group: Any) -> Any:
    return QueueFactory(department=en_department, name="Devices", product_groups=[iphone, store_group])


@pytest.fixture
def alice(db: None) -> Any:
    return UserFactory(username="alice", email="alice@example.com", locale="ru", roles=[Role.CUSTOMER])


@pytest.fixture
def charlie(db: None) -> Any:
    return UserFactory(username="charlie", email="charlie@example.com", locale="ru", roles=[Role.CUSTOMER])


@pytest.fixture
def bob(ru_department: Any) -> Any:
    return agent_create(
        departments=[ru_department], languages=["ru"], username="bob", email="bob@example.com", locale="ru"
    )


@pytest.fixture
def dora(de_department: Any) -> Any:
    return agent_create(
        departments=[de_department], languages=["de"], username="dora", email="dora@example.com", locale="de"
    )


@pytest.fixture
def maria(en_department: Any) -> Any:
    return agent_create(
        departments=[en_department], languages=["en"], role=Role.MANAGER, username="maria", email="maria@example.com"
    )


@pytest.fixture
def alice_case(alice: Any, ru_queue: Any, wont_charge: Any) -> Any:
    return CaseFactory(
        customer=alice, queue=ru_queue, request_type=wont_charge, locale="ru", subject="Телефон не заряжается"
    )


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client
