from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, TestCase
from django.utils import timezone

from caselog.accounts.models import Role
from caselog.accounts.tests.factories import UserFactory
from caselog.community.tests.factories import RepresentativeFactory, SectionFactory
from caselog.search import vectors


@pytest.fixture(autouse=True)
def _fresh_search_state() -> Iterator[None]:
    vectors.forget_all()
    cache.clear()
    yield
    vectors.forget_all()


@pytest.fixture(autouse=True)
def _fast_hasher(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _commit_per_request(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test request ends like a real one: its on-commit callbacks run."""
    original = Client.request

    def request(self: Client, **kwargs: Any) -> Any:
        with TestCase.captureOnCommitCallbacks(execute=True):
            return original(self, **kwargs)

    monkeypatch.setattr(Client, "request", request)


def _old(user: Any) -> Any:
    user.date_joined = timezone.now() - timedelta(days=30)
    user.save(update_fields=["date_joined"])
    return user


@pytest.fixture
def ru_iphone_section(iphone: Any) -> Any:
    return SectionFactory(product_group=iphone, locale="ru", slug="iphone-ru")


@pytest.fixture
def en_iphone_section(iphone: Any) -> Any:
    return SectionFactory(product_group=iphone, locale="en", slug="iphone-en")


@pytest.fixture
def anna(db: None) -> Any:
    return _old(UserFactory(username="anna", email="anna@example.com", locale="en", roles=[Role.CUSTOMER]))


@pytest.fixture
def lukas(db: None) -> Any:
    return _old(UserFactory(username="lukas", email="lukas@example.com", locale="de", roles=[Role.CUSTOMER]))


@pytest.fixture
def moderator(db: None) -> Any:
    return _old(UserFactory(username="moderator", email="moderator@example.com", roles=[Role.MODERATOR]))


@pytest.fixture
def rep_bob(bob: Any) -> Any:
    """bob the agent, registered as a company representative in the community."""
    RepresentativeFactory(user=bob, title="Caselog support")
    return _old(bob)
