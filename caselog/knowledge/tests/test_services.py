from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from caselog.audit.models import AuditEvent
from caselog.knowledge import selectors, services
from caselog.knowledge.models import Article, ArticleDailyStat, ArticleFeedback, ArticleTranslation

Status = ArticleTranslation.Status


def _draft(erik: Any, battery_topic: Any, **kwargs: Any) -> ArticleTranslation:
    defaults = {"title": "Battery drains fast", "body": "## Steps\n\n1. Check Battery settings.", "slug": ""}
    defaults.update(kwargs)
    return services.article_create(
        actor=erik, product_group=battery_topic.product_group, topic=battery_topic, source_locale="en", **defaults
    )


def test_editor_creates_article_as_a_draft_with_first_version_and_audit(erik, battery_topic):
    translation = _draft(erik, battery_topic)
    assert translation.status == Status.DRAFT
    assert translation.article.slug == "battery-drains-fast"
    assert list(translation.versions.values_list("number", flat=True)) == [1]
    assert AuditEvent.objects.filter(action="article.create", actor=erik).exists()


def test_russian_title_gets_a_readable_latin_slug(erik, battery_topic):
    translation = _draft(erik, battery_topic, title="Аккумулятор быстро разряжается")
    assert translation.article.slug == "akkumulyator-bystro-razryazhaetsya"


def test_two_articles_with_the_same_title_get_distinct_slugs(erik, battery_topic):
    first = _draft(erik, battery_topic)
    second = _draft(erik, battery_topic)
    assert {first.article.slug, second.article.slug} == {"battery-drains-fast", "battery-drains-fast-2"}


def test_customer_cannot_write_articles(alice, battery_topic):
    with pytest.raises(PermissionDenied):
        _draft(alice, battery_topic)
    assert not Article.objects.exists()


def test_empty_title_is_refused_and_nothing_is_saved(erik, battery_topic):
    with pytest.raises(ValidationError) as error:
        _draft(erik, battery_topic, title="   ")
    assert "title" in error.value.message_dict
    assert not Article.objects.exists()


def test_topic_of_another_group_is_refused(erik, battery_topic, store_group):
    with pytest.raises(ValidationError):
        services.article_create(
            actor=erik, product_group=store_group, topic=battery_topic, source_locale="en", title="x", body="y"
        )


def test_every_save_is_a_new_version_and_unchanged_saves_are_not(erik, battery_topic):
    translation = _draft(erik, battery_topic)
    article = translation.article
    services.article_translation_save(actor=erik, article=article, locale="en", title="Battery drains fast", body="v2")
    services.article_translation_save(actor=erik, article=article, locale="en", title="Battery drains fast", body="v2")
    assert list(translation.versions.order_by("number").values_list("body", flat=True))[-1] == "v2"
    assert translation.versions.count() == 2


def test_workflow_goes_draft_review_published_archived_with_who_and_when(erik, battery_topic):
    translation = _draft(erik, battery_topic)
    for status in (Status.IN_REVIEW, Status.PUBLISHED, Status.ARCHIVED):
        translation = services.article_translation_transition(actor=erik, translation=translation, to_status=status)
    assert translation.status == Status.ARCHIVED
    assert translation.status_changed_by == erik
    assert translation.published_at is not None
    changes = list(translation.status_changes.order_by("id").values_list("from_status", "to_status"))
    assert changes == [("", "draft"), ("draft", "in_review"), ("in_review", "published"), ("published", "archived")]


def test_a_draft_cannot_skip_review(erik, battery_topic):
    translation = _draft(erik, battery_topic)
    with pytest.raises(ValidationError):
        services.article_translation_transition(actor=erik, translation=translation, to_status=Status.PUBLISHED)
    translation.refresh_from_db()
    assert translation.status == Status.DRAFT


def test_publishing_indexes_the_translation_and_archiving_removes_it(
    erik, battery_topic, monkeypatch, django_capture_on_commit_callbacks
):
    from caselog.search import services as search

    calls = []
    monkeypatch.setattr(search, "document_upsert", lambda **kw: calls.append(("upsert", kw)))
    monkeypatch.setattr(search, "document_delete", lambda **kw: calls.append(("delete", kw)))
    translation = _draft(erik, battery_topic)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_translation_transition(actor=erik, translation=translation, to_status=Status.IN_REVIEW)
    assert calls == []
    with django_capture_on_commit_callbacks(execute=True):
        services.article_translation_transition(actor=erik, translation=translation, to_status=Status.PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_translation_transition(actor=erik, translation=translation, to_status=Status.ARCHIVED)
    assert [c[0] for c in calls] == ["upsert", "delete"]
    upsert = calls[0][1]
    assert upsert["key"] == str(translation.pk) and upsert["kind"] == "article" and upsert["locale"] == "en"
    assert upsert["title"] == "Battery drains fast" and "Check Battery settings." in upsert["body"]
    assert upsert["url"] == f"/help/a/{translation.article.slug}/en/" and upsert["product_group"] == "iphone"


def test_restore_brings_back_old_text_as_a_new_version(erik, battery_topic):
    translation = _draft(erik, battery_topic, body="original")
    services.article_translation_save(actor=erik, article=translation.article, locale="en", title="New", body="changed")
    first = translation.versions.get(number=1)
    services.article_version_restore(actor=erik, version=first)
    translation.refresh_from_db()
    assert (translation.title, translation.body) == ("Battery drains fast", "original")
    assert translation.versions.count() == 3
    assert translation.versions.get(number=3).note == "Restored version 1"


def test_translation_older_than_the_source_is_outdated(erik, battery_topic):
    source = _draft(erik, battery_topic)
    article = source.article
    services.article_translation_save(actor=erik, article=article, locale="de", title="Akku", body="Text")
    states = {s.locale: s for s in selectors.translation_states(article=article)}
    assert not states["de"].is_outdated
    ArticleTranslation.objects.filter(pk=source.pk).update(content_updated_at=timezone.now() + timedelta(minutes=1))
    states = {s.locale: s for s in selectors.translation_states(article=article)}
    assert states["de"].is_outdated and not states["en"].is_outdated and states["ru"].translation is None
    assert list(selectors.article_list_for_editor(outdated=True)) == [article]


def test_fallback_prefers_the_reader_language_then_the_source(battery_en, battery_ru):
    article = battery_en.article
    assert selectors.article_translation_for_locale(article=article, locale="ru") == battery_ru
    assert selectors.article_translation_for_locale(article=article, locale="de") == battery_en
    battery_ru.status = Status.DRAFT
    battery_ru.save()
    assert selectors.article_translation_for_locale(article=article, locale="ru") == battery_en


def test_public_url_names_the_language(battery_en, settings):
    settings.SITE_URL = "https://support.example"
    url = selectors.article_url(article=battery_en.article, locale="ru", absolute=True)
    assert url == "https://support.example/help/a/iphone-wont-charge/ru/"


def test_views_are_counted_per_day_and_language(battery_en):
    article = battery_en.article
    for _ in range(3):
        services.article_view_record(article=article, locale="en")
    services.article_view_record(article=article, locale="ru")
    assert dict(ArticleDailyStat.objects.values_list("locale", "views")) == {"en": 3, "ru": 1}


def test_a_visitor_who_votes_again_changes_their_vote(battery_en):
    services.article_feedback_record(translation=battery_en, helpful=True, visitor="session:a")
    services.article_feedback_record(translation=battery_en, helpful=False, visitor="session:a")
    services.article_feedback_record(translation=battery_en, helpful=True, visitor="session:b")
    assert sorted(ArticleFeedback.objects.values_list("visitor", "helpful")) == [
        ("session:a", False),
        ("session:b", True),
    ]


def test_feedback_after_a_search_reaches_the_search_ranking(
    battery_en, monkeypatch, django_capture_on_commit_callbacks
):
    from caselog.search import services as search

    calls = []
    monkeypatch.setattr(search, "suggestion_feedback_record", lambda **kw: calls.append(kw))
    with django_capture_on_commit_callbacks(execute=True):
        services.article_feedback_record(translation=battery_en, helpful=False, visitor="s", query="won't charge")
        services.article_feedback_record(translation=battery_en, helpful=True, visitor="t")
    assert calls == [
        {
            "key": str(battery_en.pk),
            "kind": "article",
            "query": "won't charge",
            "locale": "en",
            "signal": "not_helpful",
            "user": None,
        }
    ]


def test_stats_count_views_votes_per_day(battery_en):
    article = battery_en.article
    services.article_view_record(article=article, locale="en")
    services.article_feedback_record(translation=battery_en, helpful=True, visitor="a")
    services.article_feedback_record(translation=battery_en, helpful=False, visitor="b")
    stats = selectors.article_feedback_stats(article=article)
    assert (stats["views"], stats["helpful"], stats["not_helpful"], stats["helpful_share"]) == (1, 1, 1, 50)
    assert stats["series"]["views"][-1] == 1 and stats["series"]["helpful"][-1] == 1
    assert len(stats["labels"]) == 90
    assert stats["labels"][-1] == timezone.localdate().isoformat()


def test_version_diff_shows_added_and_removed_lines(erik, battery_topic):
    translation = _draft(erik, battery_topic, body="one\ntwo\nthree")
    services.article_translation_save(
        actor=erik, article=translation.article, locale="en", title="Battery drains fast", body="one\n2\nthree"
    )
    old, new = translation.versions.get(number=1), translation.versions.get(number=2)
    diff = selectors.version_diff(old=old, new=new)
    assert ("del", "-two") in [(line.kind, line.text) for line in diff]
    assert ("add", "+2") in [(line.kind, line.text) for line in diff]


def test_stats_count_cases_solved_by_the_article(battery_en, alice_case):
    alice_case.solved_by = battery_en.article
    alice_case.resolved_at = timezone.now()
    alice_case.save()
    stats = selectors.article_feedback_stats(article=battery_en.article)
    assert stats["solved"] == 1 and stats["series"]["solved"][-1] == 1
    assert vars(selectors.article_list_with_stats().get())["solved"] == 1
