"""Article suggestions in the console and the contact form, through the one search path."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from caselog.audit.models import AuditEvent
from caselog.cases.models import Case
from caselog.knowledge.tests.factories import ArticleFactory, ArticleTranslationFactory
from caselog.search.models import SuggestionFeedback
from caselog.search.services import document_upsert
from conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(django_capture_on_commit_callbacks: Any) -> Any:
    def _publish(article: Any, locale: str, title: str, body: str) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return _published(article, locale, title, body)

    return _publish


def _published(article: Any, locale: str, title: str, body: str) -> Any:
    translation = ArticleTranslationFactory(article=article, locale=locale, title=title, body=body)
    document_upsert(
        kind="article",
        key=str(translation.pk),
        locale=locale,
        title=title,
        body=body,
        product_group=article.product_group.slug,
        url=translation.get_absolute_url(),
    )
    return translation


@pytest.fixture
def charging_article(battery_topic: Any) -> Any:
    return ArticleFactory(topic=battery_topic, source_locale="en")


@pytest.fixture
def charging_ru(charging_article: Any, publish: Any) -> Any:
    return publish(
        charging_article,
        "ru",
        "Если iPhone не заряжается",
        "Проверьте кабель и адаптер питания, очистите разъём Lightning и перезагрузите iPhone.",
    )


@pytest.fixture
def charging_en(charging_article: Any, publish: Any) -> Any:
    return publish(
        charging_article,
        "en",
        "If your iPhone won't charge",
        "Check the cable and the power adapter, clean the Lightning port and restart your iPhone.",
    )


@pytest.fixture
def password_en(store_group: Any, publish: Any) -> Any:
    article = ArticleFactory(topic__product_group=store_group, source_locale="en")
    return publish(
        article, "en", "If you forgot your password", "Use the reset link we email you to choose a new password."
    )


def test_agent_sees_articles_for_case_title_in_customer_language(
    bob, alice_case, charging_ru, charging_en, password_en
):
    response = client_for(bob).get(reverse("console:suggest"), {"case": alice_case.number, "q": "не заряжается"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Если iPhone не заряжается" in body
    assert body.index("Если iPhone не заряжается") < body.index("forgot your password") if "forgot" in body else True
    assert "<mark>" in body


def test_russian_title_finds_english_article_marked_when_no_russian_one_fits(bob, alice_case, charging_en):
    body = (
        client_for(bob)
        .get(reverse("console:suggest"), {"case": alice_case.number, "q": "телефон не заряжается"})
        .content.decode()
    )
    assert "If your iPhone won" in body
    assert "in EN" in body or "auf EN" in body or "на EN" in body or 'class="badge"' in body


def test_agent_of_another_department_gets_404_on_suggestions_for_the_case(dora, alice_case):
    response = client_for(dora).get(reverse("console:suggest"), {"case": alice_case.number, "q": "x"})
    assert response.status_code == 404


def test_customer_gets_404_on_console_suggestions(alice):
    assert client_for(alice).get(reverse("console:suggest"), {"q": "charge"}).status_code == 404


def test_agent_marks_article_that_solved_the_case(bob, alice_case, charging_ru, django_capture_on_commit_callbacks):
    client_for(bob).post(
        reverse("console:case_solved_by", args=[alice_case.number]), {"key": charging_ru.pk, "q": "не заряжается"}
    )
    alice_case.refresh_from_db()
    assert alice_case.solved_by == charging_ru.article
    assert AuditEvent.objects.filter(action="case.solved_by", target_id=str(alice_case.pk)).exists()
    assert SuggestionFeedback.objects.filter(signal="solved_case", document__key=str(charging_ru.pk)).exists()


def test_marking_an_unknown_article_changes_nothing(bob, alice_case):
    response = client_for(bob).post(reverse("console:case_solved_by", args=[alice_case.number]), {"key": "nope"})
    assert response.status_code == 302
    alice_case.refresh_from_db()
    assert alice_case.solved_by is None


def test_contact_form_suggests_articles_while_customer_types(client, charging_en):
    response = client.get(
        reverse("cases:contact_suggest"), {"subject": "iPhone", "description": "won't charge any more"}
    )
    assert charging_en.get_absolute_url() in response.content.decode()


def test_this_solved_my_problem_counts_a_deflection_and_opens_no_case(client, charging_en):
    response = client.post(reverse("cases:contact_deflect"), {"key": charging_en.pk, "q": "won't charge"})
    assert response.status_code == 200
    assert Case.objects.count() == 0
    assert SuggestionFeedback.objects.filter(signal="deflected").count() == 1


def test_deflection_for_unknown_article_is_not_an_error(client):
    response = client.post(reverse("cases:contact_deflect"), {"key": "12345", "q": "x"})
    assert response.status_code == 302


@pytest.mark.parametrize("q", ["", "x" * 10_000, "<script>alert(1)</script>", "\x00"])
def test_console_suggestions_survive_any_input(bob, alice_case, q):
    response = client_for(bob).get(reverse("console:suggest"), {"case": alice_case.number, "q": q})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_agent_opens_case_for_caller_on_the_phone(bob, alice, wont_charge, ru_queue):
    response = client_for(bob).post(
        reverse("console:case_new"),
        {
            "subject": "Не заряжается после падения",
            "request_type": wont_charge.pk,
            "locale": "ru",
            "customer_email": alice.email,
            "contact_phone": "+7 916 123-45-67",
            "description": "Звонит клиентка, телефон упал и не заряжается.",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert case.channel == Case.Channel.PHONE
    assert case.customer == alice
    assert case.assignee == bob
    assert case.contact_phone == "+79161234567"
    assert AuditEvent.objects.filter(action="case.open", actor=bob).exists()


def test_new_case_form_errors_keep_what_the_agent_typed(bob, wont_charge):
    response = client_for(bob).post(
        reverse("console:case_new"),
        {"subject": "Экран мигает", "request_type": wont_charge.pk, "locale": "ru", "customer_email": "bad"},
    )
    assert response.status_code == 422
    assert "Экран мигает" in response.content.decode()
    assert Case.objects.count() == 0


def test_customer_gets_404_on_new_case_page(alice):
    assert client_for(alice).get(reverse("console:case_new")).status_code == 404


@pytest.fixture
def _fresh_rate_limits() -> Any:
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_every_suggestion_door_spends_the_same_rate_limit(client, settings, charging_en, _fresh_rate_limits):
    settings.SEARCH_SUGGEST_RATE_LIMIT = 4
    doors = [
        (reverse("cases:contact_suggest"), {"subject": "iPhone", "description": "won't charge"}),
        (reverse("search:suggest"), {"q": "charge", "locale": "en"}),
        (reverse("community:suggest"), {"title": "won't charge"}),
        ("/api/v1/articles/suggest", {"q": "charge", "locale": "en", "refine": "0"}),
        (reverse("knowledge:search"), {"q": "charge"}),
    ]
    assert [client.get(url, params).status_code for url, params in doors[:4]] == [200, 200, 200, 200]
    for url, params in doors:
        response = client.get(url, params)
        assert response.status_code == 429, url
        assert int(response["Retry-After"]) >= 1


def test_console_suggestions_are_rate_limited_per_agent(bob, alice_case, settings, _fresh_rate_limits):
    settings.SEARCH_SUGGEST_RATE_LIMIT = 1
    agent = client_for(bob)
    params = {"case": alice_case.number, "q": "charge"}
    assert agent.get(reverse("console:suggest"), params).status_code == 200
    assert agent.get(reverse("console:suggest"), params).status_code == 429


def test_this_solved_my_problem_goes_through_the_same_rate_limit(client, settings, charging_en, _fresh_rate_limits):
    settings.SEARCH_SUGGEST_RATE_LIMIT = 1
    assert client.get(reverse("cases:contact_suggest"), {"subject": "iPhone won't charge"}).status_code == 200
    response = client.post(reverse("cases:contact_deflect"), {"key": charging_en.pk, "q": "won't charge"})
    assert response.status_code == 429
    assert not SuggestionFeedback.objects.exists()
