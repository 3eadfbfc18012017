"""The knowledge base feeds the real search app: publishing indexes, archiving removes, the help-center
search box finds the article in the reader's language."""

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse

from caselog.knowledge import services
from caselog.knowledge.models import ArticleTranslation
from caselog.search import vectors
from caselog.search.queries import SuggestionQuery
from caselog.search.selectors import suggestion_list

Status = ArticleTranslation.Status


@pytest.fixture(autouse=True)
def _fresh_vectors() -> Iterator[None]:
    vectors.forget_all()
    yield
    vectors.forget_all()


def _publish(erik, battery_topic, *, title: str, body: str, locale: str) -> ArticleTranslation:
    translation = services.article_create(
        actor=erik,
        product_group=battery_topic.product_group,
        topic=battery_topic,
        source_locale=locale,
        title=title,
        body=body,
    )
    services.article_translation_transition(actor=erik, translation=translation, to_status=Status.IN_REVIEW)
    return services.article_translation_transition(actor=erik, translation=translation, to_status=Status.PUBLISHED)


def test_published_article_is_suggested_and_archived_one_is_not(
    erik, battery_topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translation = _publish(
            erik,
            battery_topic,
            title="iPhone не заряжается от кабеля",
            body="## Проверьте кабель\n\nПодключите **другой кабель** и очистите разъём.",
            locale="ru",
        )
    suggestions = suggestion_list(query=SuggestionQuery(text="не заряжается", locale="ru", limit=10))
    assert [(s.key, s.url, s.is_fallback) for s in suggestions] == [
        (str(translation.pk), f"/help/a/{translation.article.slug}/ru/", False)
    ]
    client = Client()
    client.cookies["django_language"] = "ru"
    page = client.get(reverse("knowledge:search"), {"q": "не заряжается"}).content.decode()
    assert "iPhone не заряжается от кабеля" in page

    with django_capture_on_commit_callbacks(execute=True):
        services.article_translation_transition(actor=erik, translation=translation, to_status=Status.ARCHIVED)
    assert suggestion_list(query=SuggestionQuery(text="не заряжается", locale="ru", limit=10)) == []


def test_drafts_are_never_suggested(erik, battery_topic, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.article_create(
            actor=erik,
            product_group=battery_topic.product_group,
            topic=battery_topic,
            source_locale="en",
            title="Secret draft about charging",
            body="Not ready.",
        )
    assert suggestion_list(query=SuggestionQuery(text="charging draft", locale="en", limit=10)) == []
