"""Reads of the knowledge base: what the help center shows a visitor, what editors and managers see."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from caselog.knowledge.models import (
    Article,
    ArticleDailyStat,
    ArticleFeedback,
    ArticleTranslation,
    ArticleVersion,
    ProductGroup,
    Topic,
)

Status = ArticleTranslation.Status
RELATED_ARTICLES = 5
STATS_DAYS = 90


@dataclass(frozen=True)
class ArticleEntry:
    """An article as the help center lists it: the translation to show, and whether it is a fallback."""

    article: Article
    translation: ArticleTranslation
    wanted_locale: str

    @property
    def is_fallback(self) -> bool:
        return self.translation.locale != self.wanted_locale


def _published(locale: str | None = None) -> Q:
    q = Q(status=Status.PUBLISHED)
    return q & Q(locale=locale) if locale else q


def fallback_order(*, locale: str, source_locale: str) -> list[str]:
    """The languages to try for a reader of `locale`: theirs, then the article's source, then English, then any."""
    order = [locale, source_locale, settings.LANGUAGE_CODE, *dict(settings.LANGUAGES)]
    return list(dict.fromkeys(order))


def _pick(translations: list[ArticleTranslation], *, locale: str, source_locale: str) -> ArticleTranslation | None:
    by_locale = {t.locale: t for t in translations if t.status == Status.PUBLISHED}
    for code in fallback_order(locale=locale, source_locale=source_locale):
        if code in by_locale:
            return by_locale[code]
    return None


def article_translation_for_locale(*, article: Article, locale: str) -> ArticleTranslation | None:
    """The published translation a reader of `locale` gets, falling back to another language; None if unpublished.

    The caller tells a fallback by `translation.locale != locale`."""
    translations = getattr(article, "published_translations", None)
    if translations is None:
        translations = list(article.translations.filter(_published()))
    return _pick(translations, locale=locale, source_locale=article.source_locale)


def article_url(*, article: Article, locale: str, absolute: bool = False) -> str:
    """The public address of the article in a language (what an agent pastes into a reply)."""
    path = reverse("knowledge:article_locale", args=[article.slug, locale])
    return f"{settings.SITE_URL.rstrip('/')}{path}" if absolute else path


def _with_published(queryset: QuerySet[Article]) -> QuerySet[Article]:
    return queryset.filter(
        Exists(ArticleTranslation.objects.filter(_published(), article=OuterRef("pk")))
    ).prefetch_related(
        Prefetch(
            "translations", queryset=ArticleTranslation.objects.filter(_published()), to_attr="published_translations"
        )
    )


def entries_for(articles: list[Article], *, locale: str) -> list[ArticleEntry]:
    entries = []
    for article in articles:
        translation = article_translation_for_locale(article=article, locale=locale)
        if translation is not None:
            entries.append(ArticleEntry(article=article, translation=translation, wanted_locale=locale))
    return entries


# --- help center -------------------------------------------------------------------------------------------


def product_group_list() -> QuerySet[ProductGroup]:
    topics = Topic.objects.order_by("position", "slug")
    return ProductGroup.objects.prefetch_related(Prefetch("topics", queryset=topics))


def product_group_for_visitor(*, slug: str) -> ProductGroup:
    return get_object_or_404(product_group_list(), slug=slug)


def topic_for_visitor(*, group_slug: str, topic_slug: str) -> Topic:
    return get_object_or_404(
        Topic.objects.select_related("product_group"), product_group__slug=group_slug, slug=topic_slug
    )


def topic_list_with_counts(*, product_group: ProductGroup) -> QuerySet[Topic]:
    """The group's topics, each with how many published articles it holds (in any language)."""
    published = Exists(ArticleTranslation.objects.filter(_published(), article=OuterRef("articles")))
    return product_group.topics.annotate(article_count=Count("articles", filter=published, distinct=True))


def article_list_published(
    *, topic: Topic | None = None, product_group: ProductGroup | None = None
) -> QuerySet[Article]:
    """Articles with at least one published translation, with those translations prefetched."""
    queryset = Article.objects.all()
    if topic is not None:
        queryset = queryset.filter(topic=topic)
    if product_group is not None:
        queryset = queryset.filter(product_group=product_group)
    return _with_published(queryset).order_by("slug")


def popular_articles(*, locale: str, limit: int = 6) -> list[ArticleEntry]:
    """The most viewed articles of the last 30 days (all languages counted), for the help center home."""
    since = timezone.localdate() - timedelta(days=30)
    queryset = _with_published(Article.objects.select_related("product_group")).annotate(
        recent_views=Sum("daily_stats__views", filter=Q(daily_stats__day__gte=since))
    )
    return entries_for(list(queryset.order_by(F_desc_nulls_last("recent_views"), "slug")[:limit]), locale=locale)


def F_desc_nulls_last(name: str) -> Any:

    return F(name).desc(nulls_last=True)


def article_for_visitor(*, slug: str) -> Article:
    """A published article (in some language); anything else is a 404."""
    queryset = _with_published(Article.objects.select_related("product_group", "topic__product_group"))
    return get_object_or_404(queryset, slug=slug)


def related_articles(*, article: Article, locale: str, limit: int = RELATED_ARTICLES) -> list[ArticleEntry]:
    """Other published articles of the same topic (else the same product group), in the reader's language first."""
    scope = Q(topic=article.topic) if article.topic_id else Q(product_group=article.product_group_id)
    queryset = _with_published(Article.objects.filter(scope).exclude(pk=article.pk)).order_by("slug")
    entries = entries_for(list(queryset[: limit * 3]), locale=locale)
    entries.sort(key=lambda e: e.is_fallback)
    return entries[:limit]


# --- editors -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TranslationState:
    locale: str
    translation: ArticleTranslation | None
    is_outdated: bool


def article_list_for_editor(
    *, status: str = "", locale: str = "", product_group: str = "", text: str = "", outdated: bool = False
) -> QuerySet[Article]:
    queryset = Article.objects.select_related("product_group", "topic").prefetch_related(
        Prefetch("translations", queryset=ArticleTranslation.objects.order_by("locale"))
    )
    translation_filter = Q()
    if status:
        translation_filter &= Q(status=status)
    if locale:
        translation_filter &= Q(locale=locale)
    if text:
        translation_filter &= Q(title__icontains=text)
    if translation_filter:
        queryset = queryset.filter(
            Exists(ArticleTranslation.objects.filter(translation_filter, article=OuterRef("pk")))
        )
    if product_group:
        queryset = queryset.filter(product_group__slug=product_group)
    if outdated:
        source = ArticleTranslation.objects.filter(
            article=OuterRef("article"), locale=OuterRef("article__source_locale")
        )
        stale = ArticleTranslation.objects.filter(article=OuterRef("pk")).filter(
            Exists(source.filter(content_updated_at__gt=OuterRef("content_updated_at")))
        )
        queryset = queryset.filter(Exists(stale))
    return queryset.order_by("-updated_at", "-id")


def article_for_editor(*, pk: int) -> Article:
    return get_object_or_404(Article.objects.select_related("product_group", "topic", "created_by"), pk=pk)


def translation_states(*, article: Article) -> list[TranslationState]:
    """Every language with its translation (or None) and whether it is older than the source-language text."""
    translations = {t.locale: t for t in article.translations.all()}
    source = translations.get(article.source_locale)
    states = []
    for locale in dict(settings.LANGUAGES):
        translation = translations.get(locale)
        outdated = bool(
            translation is not None
            and source is not None
            and locale != article.source_locale
            and translation.content_updated_at < source.content_updated_at
        )
        states.append(TranslationState(locale=locale, translation=translation, is_outdated=outdated))
    return states


def translation_for_editor(*, article: Article, locale: str) -> ArticleTranslation | None:
    if locale not in dict(settings.LANGUAGES):
        raise Http404
    return article.translations.select_related("status_changed_by", "updated_by").filter(locale=locale).first()


def version_list(*, translation: ArticleTranslation) -> QuerySet[ArticleVersion]:
    return translation.versions.select_related("created_by").order_by("-number")


def version_for_editor(*, translation: ArticleTranslation, number: int) -> ArticleVersion:
    return get_object_or_404(translation.versions.all(), number=number)


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "add", "del", "ctx", "hunk"
    text: str


def version_diff(*, old: ArticleVersion, new: ArticleVersion) -> list[DiffLine]:
    """A unified diff of title and body between two versions, line by line."""
    old_lines = [f"# {old.title}", "", *old.body.splitlines()]
    new_lines = [f"# {new.title}", "", *new.body.splitlines()]
    lines = []
    for line in difflib.unified_diff(old_lines, new_lines, lineterm="", n=2):
        if line.startswith(("---", "+++")):
            continue
        kind = {"+": "add", "-": "del", "@": "hunk"}.get(line[:1], "ctx")
        lines.append(DiffLine(kind=kind, text=line))
    return lines


# --- managers: statistics ------------------------------------------------------------------------------------


def article_list_with_stats(*, order: str = "-views", product_group: str = "") -> QuerySet[Article]:
    """Every article with its total views, helpful and unhelpful votes and solved cases."""
    views = (
        ArticleDailyStat.objects.filter(article=OuterRef("pk")).values("article").annotate(n=Sum("views")).values("n")
    )

    def feedback_count(helpful: bool) -> Any:
        rows = ArticleFeedback.objects.filter(article=OuterRef("pk"), helpful=helpful).values("article")
        return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), Value(0), output_field=IntegerField())

    queryset = (
        Article.objects.select_related("product_group")
        .prefetch_related(Prefetch("translations", queryset=ArticleTranslation.objects.order_by("locale")))
        .annotate(
            views=Coalesce(Subquery(views), Value(0), output_field=IntegerField()),
            helpful=feedback_count(True),
            not_helpful=feedback_count(False),
        )
    )
    solved = Article.objects.filter(pk=OuterRef("pk")).annotate(n=Count("solved_cases")).values("n")
    queryset = queryset.annotate(solved=Coalesce(Subquery(solved), Value(0), output_field=IntegerField()))
    if product_group:
        queryset = queryset.filter(product_group__slug=product_group)
    allowed = {"views", "-views", "helpful", "-helpful", "not_helpful", "-not_helpful", "solved", "-solved", "slug"}
    return queryset.order_by(order if order in allowed else "-views", "slug")


def article_feedback_stats(*, article: Article, days: int = STATS_DAYS, today: date | None = None) -> dict[str, Any]:
    """Totals and a per-day series (views, helpful, not helpful, cases solved) for the article's chart."""
    today = today or timezone.localdate()
    start = today - timedelta(days=days - 1)
    labels = [start + timedelta(days=i) for i in range(days)]
    index = {day: i for i, day in enumerate(labels)}
    series: dict[str, list[int]] = {name: [0] * days for name in ("views", "helpful", "not_helpful", "solved")}

    for row in ArticleDailyStat.objects.filter(article=article, day__gte=start).values("day").annotate(n=Sum("views")):
        if row["day"] in index:
            series["views"][index[row["day"]]] = row["n"]
    feedback = (
        ArticleFeedback.objects.filter(article=article, created_at__date__gte=start)
        .annotate(day=TruncDate("created_at"))
        .values("day", "helpful")
        .annotate(n=Count("pk"))
    )
    for row in feedback:
        if row["day"] in index:
            series["helpful" if row["helpful"] else "not_helpful"][index[row["day"]]] += row["n"]
    # Cases point at the article that solved them (Case.solved_by); the day is when the case was resolved.
    cases = article.solved_cases.all()
    solved_total = cases.count()
    solved_rows = (
        cases.filter(resolved_at__date__gte=start)
        .annotate(day=TruncDate("resolved_at"))
        .values("day")
        .annotate(n=Count("pk"))
    )
    for row in solved_rows:
        if row["day"] in index:
            series["solved"][index[row["day"]]] = row["n"]

    totals_views = ArticleDailyStat.objects.filter(article=article).aggregate(n=Sum("views"))["n"] or 0
    votes = dict(ArticleFeedback.objects.filter(article=article).values_list("helpful").annotate(n=Count("pk")))
    helpful, not_helpful = votes.get(True, 0), votes.get(False, 0)
    by_locale = list(
        ArticleDailyStat.objects.filter(article=article).values("locale").annotate(n=Sum("views")).order_by("-n")
    )
    return {
        "labels": [day.isoformat() for day in labels],
        "series": series,
        "views": totals_views,
        "helpful": helpful,
        "not_helpful": not_helpful,
        "helpful_share": round(100 * helpful / (helpful + not_helpful)) if helpful + not_helpful else None,
        "solved": solved_total,
        "views_by_locale": by_locale,
    }
