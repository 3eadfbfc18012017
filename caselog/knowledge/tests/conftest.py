"""Knowledge-base cast: erik the KB editor, a published iPhone battery article in en and ru."""

from __future__ import annotations

from typing import Any

import pytest

from caselog.accounts.models import Role
from caselog.accounts.tests.factories import UserFactory
from caselog.knowledge.tests.factories import ArticleFactory, ArticleTranslationFactory


@pytest.fixture
def erik(db: None) -> Any:
    return UserFactory(username="erik", email="erik@example.com", locale="de", roles=[Role.KB_EDITOR])


@pytest.fixture
def battery_article(battery_topic: Any) -> Any:
    return ArticleFactory(topic=battery_topic, slug="iphone-wont-charge", source_locale="en")


@pytest.fixture
def battery_en(battery_article: Any) -> Any:
    return ArticleTranslationFactory(
        article=battery_article,
        locale="en",
        title="If your iPhone won't charge",
        body="## Check the cable\n\n1. Plug the cable into a wall outlet.\n2. Try **another cable**.\n",
    )


@pytest.fixture
def battery_ru(battery_article: Any, battery_en: Any) -> Any:
    return ArticleTranslationFactory(
        article=battery_article,
        locale="ru",
        title="Если iPhone не заряжается",
        body="## Проверьте кабель\n\n1. Подключите кабель к розетке.\n",
    )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_unless_a_request_says_otherwise() -> Any:
    # The profile middleware activates the signed-in user's language for the thread; reset it per test.
    from django.utils import translation

    with translation.override("en"):
        yield
