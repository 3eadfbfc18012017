from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client, override_settings
from django.urls import reverse

from caselog.search.models import SuggestionFeedback, ZeroResultQuery

pytestmark = pytest.mark.django_db

API = "/api/suggest"


@pytest.fixture
def alice_editor(db):
    user = get_user_model().objects.create_user(username="alice", email="alice@example.com", password="x")
    user.user_permissions.add(Permission.objects.get(codename="edit_article", content_type__app_label="knowledge"))
    return user


@pytest.fixture
def charlie_outsider(db):
    return get_user_model().objects.create_user(username="charlie", email="charlie@example.com", password="x")


def test_api_suggest_returns_published_articles_as_json(client: Client, help_center):
    response = client.get(API, {"q": "iphone battery drains", "locale": "en"})
    assert response.status_code == 200
    body = response.json()
    assert body["results"][0]["key"] == "battery-en"
    assert body["results"][0]["url"] == "/help/battery-en/"
    assert "<mark>" in body["results"][0]["snippet_html"] or "<mark>" in body["results"][1]["snippet_html"]
    assert "draft-en" not in {r["key"] for r in body["results"]}


def test_api_suggest_empty_query_is_400_with_json_body(client: Client, db):
    response = client.get(API, {"q": "", "locale": "en"})
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    assert "q" in response.json()["fields"]


def test_api_suggest_10000_character_query_is_400(client: Client, db):
    response = client.get(API, {"q": "battery " * 1250, "locale": "en"})
    assert response.status_code == 400
    assert "q" in response.json()["fields"]


def test_api_suggest_unknown_locale_is_400(client: Client, db):
    response = client.get(API, {"q": "battery", "locale": "xx"})
    assert response.status_code == 400
    assert "locale" in response.json()["fields"]


def test_api_suggest_rejects_non_numeric_limit(client: Client, db):
    response = client.get(API, {"q": "battery", "locale": "en", "limit": "lots"})
    assert response.status_code == 400


@override_settings(SEARCH_SUGGEST_RATE_LIMIT=3)
def test_api_suggest_is_rate_limited_with_retry_after(client: Client, help_center):
    statuses = [client.get(API, {"q": "battery", "locale": "en", "refine": "0"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get(API, {"q": "battery", "locale": "en"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert response.json()["error"] == "rate_limited"


def test_api_suggest_query_count_is_bounded(client: Client, help_center, django_assert_max_num_queries):
    client.get(API, {"q": "warm up", "locale": "en", "refine": "0"})
    with django_assert_max_num_queries(5):
        response = client.get(API, {"q": "iphone battery", "locale": "en"})
    assert response.status_code == 200


def test_partial_renders_keyboard_navigable_list_with_data_attributes(client: Client, help_center):
    response = client.get(reverse("search:suggest"), {"q": "iphone charging", "locale": "en"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="listbox"' in html
    assert 'data-article-key="charging-en"' in html
    assert 'data-article-url="/help/charging-en/"' in html
    assert 'data-article-title="iPhone is not charging"' in html


def test_partial_keystroke_answer_schedules_refinement(client: Client, help_center):
    html = client.get(reverse("search:suggest"), {"q": "iphone charg", "locale": "en"}).content.decode()
    assert 'hx-trigger="load delay:400ms"' in html
    assert "refine=1" in html
    refined = client.get(reverse("search:suggest"), {"q": "iphone charg", "locale": "en", "refine": "1"})
    assert "hx-trigger" not in refined.content.decode()


def test_partial_marks_fallback_article_in_another_language(client: Client, help_center):
    html = client.get(reverse("search:suggest"), {"q": "забыл пароль", "locale": "ru", "refine": "1"}).content.decode()
    assert "suggestion--fallback" in html


def test_partial_with_empty_query_is_an_empty_list(client: Client, db):
    response = client.get(reverse("search:suggest"), {"q": " "})
    assert response.status_code == 200
    assert "data-article-key" not in response.content.decode()


def test_partial_with_unknown_locale_is_400(client: Client, db):
    response = client.get(reverse("search:suggest"), {"q": "battery", "locale": "klingon"})
    assert response.status_code == 400


def test_feedback_endpoint_stores_signal(client: Client, help_center):
    response = client.post(
        reverse("search:feedback"),
        {"key": "charging-en", "kind": "article", "q": "not charging", "locale": "en", "signal": "deflected"},
    )
    assert response.status_code == 204
    assert SuggestionFeedback.objects.get().signal == "deflected"


def test_feedback_endpoint_404_for_unknown_document(client: Client, db):
    response = client.post(
        reverse("search:feedback"), {"key": "nope", "kind": "article", "q": "", "locale": "en", "signal": "helpful"}
    )
    assert response.status_code == 404


def test_gaps_page_is_404_for_users_without_edit_article(client: Client, charlie_outsider):
    client.force_login(charlie_outsider)
    assert client.get(reverse("search:gaps")).status_code == 404


def test_gaps_page_lists_unanswered_queries_for_editors(client: Client, alice_editor):
    ZeroResultQuery.objects.create(locale="de", normalised_query="handy explodiert", sample_query="Handy explodiert")
    client.force_login(alice_editor)
    response = client.get(reverse("search:gaps"))
    assert response.status_code == 200
    assert "Handy explodiert" in response.content.decode()
