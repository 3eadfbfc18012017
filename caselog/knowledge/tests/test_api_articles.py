from __future__ import annotations

import pytest
from django.test import override_settings

from caselog.api.tests.conftest import token_for
from caselog.devices.tests.conftest import (  # noqa: F401  (the clean slate of the API tests, where these were)
    _english_outside_requests,
    _fast_password_hashing,
    _fresh_cache,
)
from caselog.knowledge.models import ArticleTranslation
from caselog.knowledge.tests.factories import ArticleFactory, ArticleTranslationFactory
from caselog.search import vectors
from caselog.search.services import document_upsert, documents_embed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_vectors():
    # Rolled-back transactions reuse ids: the in-process vector mirror must not leak between tests.
    vectors.forget_all()
    yield
    vectors.forget_all()


def _assert_error(response, status, code):
    assert response.status_code == status, response.content
    assert set(response.json()["error"]) == {"code", "message", "fields"}
    assert response.json()["error"]["code"] == code
    return response.json()["error"]


@pytest.fixture
def articles():
    published = ArticleTranslationFactory(article=ArticleFactory(slug="battery"), title="Battery drains")
    ArticleTranslationFactory(article=published.article, locale="de", title="Akku entlädt sich")
    ArticleTranslationFactory(article=ArticleFactory(slug="draft"), status=ArticleTranslation.Status.DRAFT)
    return published.article


def test_only_published_articles_are_listed_in_the_asked_language(client, articles):
    body = client.get("/api/v1/articles", {"locale": "de"}).json()
    assert [(a["slug"], a["title"], a["is_fallback"]) for a in body["items"]] == [
        ("battery", "Akku entlädt sich", False)
    ]


def test_article_in_a_missing_language_falls_back_and_says_so(client, articles):
    body = client.get("/api/v1/articles/battery", {"locale": "ru"}).json()
    assert body["locale"] == "en" and body["is_fallback"] is True and "Restart" in body["body"]


def test_draft_article_is_a_404_with_the_error_body(client, articles):
    _assert_error(client.get("/api/v1/articles/draft"), 404, "not_found")
    _assert_error(client.get("/api/v1/articles/nothing-here"), 404, "not_found")


def test_article_cursor_walks_every_article_once(client, django_assert_max_num_queries):
    for n in range(5):
        ArticleTranslationFactory(article=ArticleFactory(slug=f"a-{n}"))
    seen, cursor = [], ""
    for _ in range(5):
        with django_assert_max_num_queries(4):
            body = client.get("/api/v1/articles", {"limit": 2, "cursor": cursor}).json()
        seen += [a["slug"] for a in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"a-{n}" for n in range(5)]


@pytest.mark.parametrize(
    ("url", "params", "status"),
    [
        ("/api/v1/articles", {"locale": "fr"}, 422),
        ("/api/v1/articles", {"cursor": "forged"}, 400),
        ("/api/v1/articles", {"limit": "-1"}, 422),
        ("/api/v1/articles/battery", {"locale": "xx"}, 422),
        ("/api/v1/articles/suggest", {"q": ""}, 422),
        ("/api/v1/articles/suggest", {"q": "akku", "locale": "fr"}, 422),
        ("/api/v1/articles/suggest", {"q": "x" * 600}, 422),
    ],
)
def test_bad_article_parameters_get_the_error_body(client, articles, url, params, status):
    response = client.get(url, params)
    assert response.status_code == status
    assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_suggest_answers_from_published_documents(client):
    document_upsert(
        kind="article",
        key="charging-en",
        locale="en",
        title="iPhone is not charging",
        body="Try another cable and clean the charging port.",
        product_group="iphone",
        url="/help/charging-en/",
        published=True,
    )
    document_upsert(
        kind="article",
        key="draft-en",
        locale="en",
        title="Charging recall draft",
        body="Internal.",
        product_group="iphone",
        url="/help/draft-en/",
        published=False,
    )
    documents_embed()
    body = client.get("/api/v1/articles/suggest", {"q": "iphone not charging", "locale": "en"}).json()
    assert [r["key"] for r in body["results"]] == ["charging-en"]
    assert body["refined"] is True


def test_old_suggest_address_redirects_to_the_api(client):
    response = client.get("/api/suggest", {"q": "akku", "locale": "de"})
    assert response.status_code == 308 and response["Location"] == "/api/v1/articles/suggest?q=akku&locale=de"


@override_settings(API_PUBLIC_RATE_LIMIT=2)
def test_anonymous_callers_are_rate_limited_with_retry_after(client, articles):
    assert client.get("/api/v1/articles").status_code == 200
    assert client.get("/api/v1/articles").status_code == 200
    response = client.get("/api/v1/articles")
    _assert_error(response, 429, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 60


@override_settings(API_TOKEN_RATE_LIMIT=2)
def test_each_token_has_its_own_rate_limit(client, bob, ru_department):
    first, second = token_for(bob, "cases:read"), token_for(bob, "cases:write", "cases:read")
    for _ in range(2):
        assert client.get("/api/v1/cases", HTTP_AUTHORIZATION=f"Bearer {first}").status_code == 200
    limited = client.get("/api/v1/cases", HTTP_AUTHORIZATION=f"Bearer {first}")
    _assert_error(limited, 429, "rate_limited")
    assert int(limited["Retry-After"]) >= 1
    assert client.get("/api/v1/cases", HTTP_AUTHORIZATION=f"Bearer {second}").status_code == 200
