from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from caselog.search import lexical, vectors
from caselog.search.services import document_upsert, documents_embed


@pytest.fixture(autouse=True)
def _fresh_search_state() -> Iterator[None]:
    # Rolled-back test transactions reuse ids: the in-process vector mirror and the
    # rate-limit counters must not leak from one test into the next.
    vectors.forget_all()
    lexical.frequencies_forget()
    cache.clear()
    yield
    vectors.forget_all()
    lexical.frequencies_forget()


@pytest.fixture
def help_center(db: None) -> None:
    """A small multilingual knowledge base, vectors computed as the task would."""
    articles = [
        ("battery-en", "en", "iphone", "iPhone battery drains fast", "Check which apps use the battery in Settings."),
        ("charging-en", "en", "iphone", "iPhone is not charging", "Try another cable and clean the charging port."),
        (
            "password-en",
            "en",
            "account",
            "Reset a forgotten account password",
            "Use the reset link on the sign-in page.",
        ),
        ("akku-de", "de", "iphone", "Der Akku lädt nicht mehr", "Prüfen Sie das Ladekabel und den Anschluss."),
        (
            "akku-ru",
            "ru",
            "iphone",
            "Батарея быстро разряжается",
            "Проверьте, какие приложения расходуют заряд батареи.",
        ),
        ("draft-en", "en", "iphone", "Unreleased battery recall notice", "Internal draft about battery recalls."),
    ]
    for key, locale, group, title, body in articles:
        document_upsert(
            kind="article",
            key=key,
            locale=locale,
            title=title,
            body=body,
            product_group=group,
            url=f"/help/{key}/",
            published=key != "draft-en",
        )
    documents_embed()
