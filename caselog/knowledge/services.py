"""State changes of the knowledge base: writing, reviewing, publishing, restoring, counting."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from caselog.audit.services import audit_record
from caselog.knowledge.models import (
    BODY_MAX_LENGTH,
    Article,
    ArticleDailyStat,
    ArticleFeedback,
    ArticleStatusChange,
    ArticleTranslation,
    ArticleVersion,
    ProductGroup,
    Topic,
)
from caselog.knowledge.tasks import article_translation_index

Status = ArticleTranslation.Status
EDIT_PERMISSION = "knowledge.edit_article"

# The workflow: a draft goes to review, review publishes (or sends back), published can be archived
# or taken back to draft for rework, an archived translation can be revived as a draft.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.DRAFT: (Status.IN_REVIEW, Status.ARCHIVED),
    Status.IN_REVIEW: (Status.PUBLISHED, Status.DRAFT),
    Status.PUBLISHED: (Status.ARCHIVED, Status.DRAFT),
    Status.ARCHIVED: (Status.DRAFT,),
}

_CYRILLIC_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya"
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _CYRILLIC_LATIN.split(" "), strict=True))


def check_can_edit(*, actor: Any) -> None:
    if not actor.has_perm(EDIT_PERMISSION):
        raise PermissionDenied


def slug_base(title: str) -> str:
    """The title as an address: lower-case Latin letters, digits and dashes (Russian is transliterated)."""
    source = "".join(_CYRILLIC.get(ch, ch) for ch in title.lower().replace("ß", "ss")).replace("-", " ")
    return slugify(source)[:100].strip("-")


def article_slug_make(*, title: str, wanted: str = "") -> str:
    """A unique slug: the wanted one, else one made from the title."""
    base = slugify(wanted)[:100].strip("-") if wanted else slug_base(title)
    base = base or "article"
    slug, n = base, 1
    while Article.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _validate_text(*, title: str, body: str, locale: str) -> None:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("The title cannot be empty.")]
    if not body.strip():
        errors["body"] = [_("The article needs a body.")]
    elif len(body) > BODY_MAX_LENGTH:
        errors["body"] = [
            _("The body is %(length)s characters long; the limit is %(limit)s.")
            % {"length": len(body), "limit": BODY_MAX_LENGTH}
        ]
    if locale not in dict(settings.LANGUAGES):
        errors["locale"] = [_("Unknown language: %(locale)s.") % {"locale": locale}]
    if errors:
        raise ValidationError(errors)


def _version_add(*, translation: ArticleTranslation, actor: Any, note: str) -> ArticleVersion:
    last = translation.versions.aggregate(n=Max("number"))["n"] or 0
    return ArticleVersion.objects.create(
        translation=translation,
        number=last + 1,
        title=translation.title,
        body=translation.body,
        note=note,
        created_by=actor,
    )


def _index_on_commit(translation: ArticleTranslation) -> None:
    translation_id = translation.pk
    transaction.on_commit(lambda: article_translation_index.enqueue(translation_id=translation_id))


def article_create(
    *,
    actor: Any,
    product_group: ProductGroup,
    topic: Topic | None,
    source_locale: str,
    title: str,
    body: str,
    slug: str = "",
) -> ArticleTranslation:
    """Start an article family with its first translation (a draft in the source language)."""
    check_can_edit(actor=actor)
    _validate_text(title=title, body=body, locale=source_locale)
    if topic is not None and topic.product_group_id != product_group.pk:
        raise ValidationError({"topic": [_("This topic belongs to another product group.")]})
    if slug and Article.objects.filter(slug=slugify(slug)).exists():
        raise ValidationError({"slug": [_("Another article already uses this address.")]})
    with transaction.atomic():
        slug = article_slug_make(title=title, wanted=slug)
        article = Article.objects.create(
            product_group=product_group,
            topic=topic,
            source_locale=source_locale,
            slug=slug,
            external_id=slug,
            created_by=actor,
        )
        translation = ArticleTranslation.objects.create(
            article=article,
            locale=source_locale,
            title=title.strip(),
            body=body,
            status_changed_by=actor,
            updated_by=actor,
        )
        ArticleStatusChange.objects.create(translation=translation, to_status=Status.DRAFT, actor=actor)
        _version_add(translation=translation, actor=actor, note=_("Created"))
        audit_record(
            actor=actor, action="article.create", target=article, after={"slug": slug, "locale": source_locale}
        )
    return translation


def article_update(*, actor: Any, article: Article, product_group: ProductGroup, topic: Topic | None) -> Article:
    """Move an article family to another product group or topic."""
    check_can_edit(actor=actor)
    if topic is not None and topic.product_group_id != product_group.pk:
        raise ValidationError({"topic": [_("This topic belongs to another product group.")]})
    with transaction.atomic():
        before = {"product_group": article.product_group.slug, "topic": article.topic.slug if article.topic else ""}
        article.product_group = product_group
        article.topic = topic
        article.save(update_fields=["product_group", "topic", "updated_at"])
        after = {"product_group": product_group.slug, "topic": topic.slug if topic else ""}
        audit_record(actor=actor, action="article.update", target=article, before=before, after=after)
        for translation in article.translations.filter(status=Status.PUBLISHED):
            _index_on_commit(translation)
    return article


def article_translation_save(
    *, actor: Any, article: Article, locale: str, title: str, body: str, note: str = ""
) -> ArticleTranslation:
    """Save the text of one language (creating that translation as a draft if new); every save is a version.

    Editing a published translation keeps it published (fixes go live at once) and re-indexes it."""
    check_can_edit(actor=actor)
    _validate_text(title=title, body=body, locale=locale)
    title = title.strip()
    with transaction.atomic():
        translation = (
            ArticleTranslation.objects.select_for_update().filter(article=article, locale=locale).order_by("pk").first()
        )
        now = timezone.now()
        if translation is None:
            translation = ArticleTranslation.objects.create(
                article=article, locale=locale, title=title, body=body, status_changed_by=actor, updated_by=actor
            )
            ArticleStatusChange.objects.create(translation=translation, to_status=Status.DRAFT, actor=actor)
            _version_add(translation=translation, actor=actor, note=note or _("Created"))
            audit_record(actor=actor, action="article.translation_create", target=translation, after={"title": title})
            return translation
        if translation.title == title and translation.body == body:
            return translation
        before = {"title": translation.title, "body_length": len(translation.body)}
        translation.title, translation.body = title, body
        translation.content_updated_at, translation.updated_by = now, actor
        translation.save(update_fields=["title", "body", "content_updated_at", "updated_by"])
        _version_add(translation=translation, actor=actor, note=note)
        audit_record(
            actor=actor,
            action="article.translation_edit",
            target=translation,
            before=before,
            after={"title": title, "body_length": len(body)},
        )
        if translation.is_published:
            _index_on_commit(translation)
    return translation


def article_translation_transition(
    *, actor: Any, translation: ArticleTranslation, to_status: str
) -> ArticleTranslation:
    """Move a translation along the workflow (draft → in review → published → archived), recording who and when."""
    check_can_edit(actor=actor)
    with transaction.atomic():
        translation = ArticleTranslation.objects.select_for_update().get(pk=translation.pk)
        from_status = translation.status
        if to_status not in TRANSITIONS.get(from_status, ()):
            raise ValidationError(
                _("A translation that is %(from)s cannot become %(to)s.")
                % {
                    "from": Status(from_status).label,
                    "to": Status(to_status).label if to_status in Status else to_status,
                }
            )
        now = timezone.now()
        translation.status, translation.status_changed_at, translation.status_changed_by = to_status, now, actor
        fields = ["status", "status_changed_at", "status_changed_by"]
        if to_status == Status.PUBLISHED:
            translation.published_at = now
            fields.append("published_at")
        translation.save(update_fields=fields)
        ArticleStatusChange.objects.create(
            translation=translation, from_status=from_status, to_status=to_status, actor=actor, created_at=now
        )
        audit_record(
            actor=actor,
            action=f"article.{to_status}",
            target=translation,
            before={"status": from_status},
            after={"status": to_status},
        )
        if Status.PUBLISHED in (from_status, to_status):
            _index_on_commit(translation)
    return translation


def article_version_restore(*, actor: Any, version: ArticleVersion) -> ArticleTranslation:
    """Bring back an earlier text; the restore itself is a new version, so nothing is lost."""
    return article_translation_save(
        actor=actor,
        article=version.translation.article,
        locale=version.translation.locale,
        title=version.title,
        body=version.body,
        note=_("Restored version %(number)s") % {"number": version.number},
    )


def article_view_record(*, article: Article, locale: str) -> None:
    """Count one page view of the article in this language today."""
    today = timezone.localdate()
    counter = ArticleDailyStat.objects.filter(article=article, locale=locale, day=today)
    if counter.update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            ArticleDailyStat.objects.create(article=article, locale=locale, day=today, views=1)
    except IntegrityError:  # another request created today's row first
        counter.update(views=F("views") + 1)


def article_feedback_record(
    *, translation: ArticleTranslation, helpful: bool, visitor: str, user: Any = None, query: str = ""
) -> ArticleFeedback:
    """Record "Did this solve your problem?"; a visitor who answers again changes their answer."""
    user = user if getattr(user, "is_authenticated", False) else None
    query = query.strip()[:200]
    with transaction.atomic():
        feedback, _created = ArticleFeedback.objects.update_or_create(
            article=translation.article,
            visitor=visitor[:64],
            defaults={
                "locale": translation.locale,
                "helpful": helpful,
                "user": user,
                "query": query,
                "created_at": timezone.now(),
            },
        )
        if query:
            key, locale = str(translation.pk), translation.locale
            signal = "helpful" if helpful else "not_helpful"
            transaction.on_commit(
                lambda: _search_feedback(key=key, query=query, locale=locale, signal=signal, user=user)
            )
    return feedback


def _search_feedback(*, key: str, query: str, locale: str, signal: str, user: Any) -> None:
    from caselog.search.services import suggestion_feedback_record

    suggestion_feedback_record(key=key, kind="article", query=query, locale=locale, signal=signal, user=user)
