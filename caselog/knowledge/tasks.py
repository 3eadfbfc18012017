"""Keep the search index in step with the published articles (run after commit, at least once)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from caselog.knowledge.models import ArticleTranslation
from caselog.knowledge.rendering import markdown_plain_text

ARTICLE_KIND = "article"


def _document_fields(translation: ArticleTranslation) -> dict[str, Any]:
    return {
        "kind": ARTICLE_KIND,
        "key": str(translation.pk),
        "locale": translation.locale,
        "title": translation.title,
        "body": markdown_plain_text(translation.body),
        "product_group": translation.article.product_group.slug,
        "url": translation.get_absolute_url(),
        "published": True,
    }


def _translation_index(translation: ArticleTranslation) -> None:
    from caselog.search import services as search

    if translation.status == ArticleTranslation.Status.PUBLISHED:
        search.document_upsert(**_document_fields(translation))
    else:
        search.document_delete(kind=ARTICLE_KIND, key=str(translation.pk))


@task()
def article_translation_index(*, translation_id: int) -> None:
    """Upsert a published translation into the search index, or remove one that is no longer published."""
    translation = ArticleTranslation.objects.select_related("article__product_group").filter(pk=translation_id).first()
    if translation is None:
        from caselog.search import services as search

        search.document_delete(kind=ARTICLE_KIND, key=str(translation_id))
        return
    _translation_index(translation)


@task()
def article_translations_index(*, translation_ids: list[int]) -> None:
    """The same for a batch (the import enqueues one task per chunk, not one per article)."""
    from caselog.search import services as search

    translations = list(
        ArticleTranslation.objects.select_related("article__product_group").filter(pk__in=translation_ids)
    )
    published = [t for t in translations if t.status == ArticleTranslation.Status.PUBLISHED]
    search.documents_upsert_many([search.DocumentInput(**_document_fields(t)) for t in published])
    for translation in translations:
        if translation.status != ArticleTranslation.Status.PUBLISHED:
            search.document_delete(kind=ARTICLE_KIND, key=str(translation.pk))
