from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client, override_settings
from django.urls import reverse

from caselog.search.models import SuggestionFeedback, ZeroResultQuery

pytestmark = pytest.mark.django_db

API = "/api/v1/articles/suggest"
OLD_API = "/api/suggest"


@pytest.fixture
def alice_editor(db):
    user = get_user_model().objects.create_user(username="alice", email="alice@example.com", password="x")
    user.user_permissions.add(Permission.objects.get(codename="edit_article", content_type__app_label="knowledge"))
    return user


@pytest.fixture
def charlie_outsider(db):
    return get_user_model().objects.create_user(username="charlie", email="charlie@example.com", password="x")


def _assert_error(response: Any, status: int, field: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"code", "message", "fields"} and error["message"]
    if field is not None:
        assert field in error["fields"] and error["fields"][field][0]
    return error


def test_api_suggest_returns_published_articles_as_json(client: Client, help_center):
    response = client.get(API, {"q": "iphone battery drains", "locale": "en"})
    assert response.status_code == 200
    body = response.json()
    assert body["refined"] is True and body["locale"] == "en"
    assert body["results"][0]["key"] == "battery-en"
    assert body["results"][0]["url"] == "/help/battery-en/"
    assert "<mark>" in body["results"][0]["snippet_html"] or "<mark>" in body["results"][1]["snippet_html"]
    assert "draft-en" not in {r["key"] for r in body["results"]}


def test_api_suggest_needs_no_token_even_with_a_bad_one(client: Client, help_center):
    response = client.get(API, {"q": "iphone battery", "locale": "en"}, HTTP_AUTHORIZATION="Bearer cl_nonsense")
    assert response.status_code == 200


def test_api_suggest_never_returns_an_unpublished_document(client: Client, help_center):
    # The draft is the only document about a recall: no result rather than the draft.
    for refine in ("0", "1"):
        body = client.get(API, {"q": "battery recall notice", "locale": "en", "refine": refine}).json()
        assert "draft-en" not in {r["key"] for r in body["results"]}


def test_api_suggest_filters_by_product_group_kind_and_limit(client: Client, help_center):
    body = client.get(API, {"q": "password reset", "locale": "en", "product_group": "iphone"}).json()
    assert body["results"] and {r["product_group"] for r in body["results"]} == {"iphone"}
    body = client.get(API, {"q": "iphone battery charging", "locale": "en", "limit": "1"}).json()
    assert len(body["results"]) == 1
    body = client.get(API, {"q": "iphone battery", "locale": "en", "kind": "thread"}).json()
    assert body["results"] == []
    _assert_error(client.get(API, {"q": "iphone", "locale": "en", "kind": "case"}), 422, "kind")
    _assert_error(client.get(API, {"q": "iphone", "locale": "en", "limit": "21"}), 422, "limit")
    _assert_error(client.get(API, {"q": "iphone", "locale": "en", "product_group": "no slug!"}), 422, "product_group")


def test_api_suggest_refine_0_gives_the_fast_first_ranking(client: Client, help_center):
    body = client.get(API, {"q": "iphone battery", "locale": "en", "refine": "0"}).json()
    assert body["refined"] is False and body["results"][0]["key"] == "battery-en"


def test_api_suggest_without_locale_answers_in_the_request_language(client: Client, help_center):
    body = client.get(API, {"q": "akku", "refine": "0"}, HTTP_ACCEPT_LANGUAGE="de").json()
    assert body["locale"] == "de"
    assert client.get(API, {"q": "battery", "refine": "0"}).json()["locale"] == "en"


def test_api_suggest_empty_query_is_422_with_json_body(client: Client, db):
    _assert_error(client.get(API, {"q": "", "locale": "en"}), 422, "q")
    _assert_error(client.get(API, {"q": "   ", "locale": "en"}), 422, "q")
    _assert_error(client.get(API, {"locale": "en"}), 422, "q")


def test_api_suggest_10000_character_query_is_422(client: Client, db):
    _assert_error(client.get(API, {"q": "battery " * 1250, "locale": "en"}), 422, "q")


def test_api_suggest_unknown_locale_is_422(client: Client, db):
    error = _assert_error(client.get(API, {"q": "battery", "locale": "xx"}), 422, "locale")
    assert "en, de, ru" in error["fields"]["locale"][0]


def test_api_suggest_rejects_non_numeric_limit(client: Client, db):
    _assert_error(client.get(API, {"q": "battery", "locale": "en", "limit": "lots"}), 422, "limit")


def test_api_suggest_nul_character_is_422(client: Client, db):
    _assert_error(client.get(API, {"q": "batt\x00ery", "locale": "en"}), 422)


@override_settings(SEARCH_SUGGEST_RATE_LIMIT=3)
def test_api_suggest_is_rate_limited_with_retry_after(client: Client, help_center):
    statuses = [client.get(API, {"q": "battery", "locale": "en", "refine": "0"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get(API, {"q": "battery", "locale": "en"})
    error = _assert_error(response, 429)
    assert error["code"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= 60
    # Another client has its own budget.
    assert client.get(API, {"q": "battery", "locale": "en"}, REMOTE_ADDR="10.0.0.9").status_code == 200


def test_api_suggest_query_count_is_bounded(client: Client, help_center, django_assert_max_num_queries):
    client.get(API, {"q": "warm up", "locale": "en", "refine": "0"})
    with django_assert_max_num_queries(5):
        response = client.get(API, {"q": "iphone battery", "locale": "en"})
    assert response.status_code == 200


def test_old_suggest_address_redirects_permanently_with_the_query(client: Client, help_center):
    response = client.get(OLD_API, {"q": "iphone battery", "locale": "de", "limit": "3"})
    assert response.status_code == 308
    assert response["Location"] == f"{API}?q=iphone+battery&locale=de&limit=3"
    assert client.get(OLD_API).headers["Location"] == API
    followed = client.get(OLD_API, {"q": "iphone battery drains", "locale": "en"}, follow=True)
    assert followed.redirect_chain == [(f"{API}?q=iphone+battery+drains&locale=en", 308)]
    assert followed.json()["results"][0]["key"] == "battery-en"
    # Bad input followed through the redirect still gets the API's error body.
    _assert_error(client.get(OLD_API, {"q": ""}, follow=True), 422, "q")


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


FEEDBACK_API = "/api/v1/articles/suggest/feedback"


def _feedback(client: Client, **overrides: str) -> Any:
    body = {"key": "charging-en", "kind": "article", "q": "not charging", "locale": "en", "signal": "deflected"}
    return client.post(FEEDBACK_API, {**body, **overrides}, content_type="application/json")


def test_feedback_api_stores_signal_without_a_token(client: Client, help_center):
    response = _feedback(client)
    assert response.status_code == 204 and response.content == b""
    feedback = SuggestionFeedback.objects.get()
    assert (feedback.signal, feedback.document.key, feedback.query, feedback.user) == (
        "deflected",
        "charging-en",
        "not charging",
        None,
    )


def test_feedback_api_does_not_attribute_a_browser_session(client: Client, help_center, charlie_outsider):
    # No CSRF check on the API: another site could post with this session, so it is never the author.
    client.force_login(charlie_outsider)
    assert _feedback(client).status_code == 204
    assert SuggestionFeedback.objects.get().user is None


def test_feedback_api_404_for_unknown_document(client: Client, db):
    _assert_error(_feedback(client, key="nope", signal="helpful"), 404, "key")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"signal": "meh"}, "signal"),
        ({"kind": "case"}, "kind"),
        ({"locale": "xx"}, "locale"),
        ({"key": ""}, "key"),
        ({"q": "x" * 10000}, "q"),
    ],
)
def test_feedback_api_bad_input_is_422_and_stores_nothing(client: Client, help_center, overrides, field):
    _assert_error(_feedback(client, **overrides), 422, field)
    assert not SuggestionFeedback.objects.exists()


def test_feedback_api_without_a_json_body_is_a_4xx_error_body(client: Client, help_center):
    response = client.post(FEEDBACK_API, {"key": "charging-en"})  # form-encoded
    assert 400 <= response.status_code < 500
    assert response.json()["error"]["message"]
    assert not SuggestionFeedback.objects.exists()


@override_settings(SEARCH_SUGGEST_RATE_LIMIT=2)
def test_feedback_api_is_rate_limited_with_retry_after(client: Client, help_center):
    assert [_feedback(client).status_code for _ in range(3)] == [204, 204, 429]
    assert int(_feedback(client)["Retry-After"]) >= 1
    assert SuggestionFeedback.objects.count() == 2


def test_old_feedback_address_redirects_permanently_keeping_the_method(client: Client, help_center):
    response = client.post(reverse("search:feedback"), {"key": "charging-en"})
    assert response.status_code == 308 and response["Location"] == FEEDBACK_API
    assert client.get(reverse("search:feedback"), {"a": "1"})["Location"] == f"{FEEDBACK_API}?a=1"


def test_gaps_page_is_404_for_users_without_edit_article(client: Client, charlie_outsider):
    client.force_login(charlie_outsider)
    assert client.get(reverse("search:gaps")).status_code == 404


def test_gaps_page_lists_unanswered_queries_for_editors(client: Client, alice_editor):
    ZeroResultQuery.objects.create(locale="de", normalised_query="handy explodiert", sample_query="Handy explodiert")
    client.force_login(alice_editor)
    response = client.get(reverse("search:gaps"))
    assert response.status_code == 200
    assert "Handy explodiert" in response.content.decode()
