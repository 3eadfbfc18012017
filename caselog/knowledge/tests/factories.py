from __future__ import annotations

import factory
from django.utils import timezone

from caselog.knowledge.models import (
    Article,
    ArticleDailyStat,
    ArticleFeedback,
    ArticleStatusChange,
    ArticleTranslation,
    ArticleVersion,
    ProductGroup,
    Topic,
)


class ProductGroupFactory(factory.django.DjangoModelFactory[ProductGroup]):
    class Meta:
        model = ProductGroup
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"group-{n}")
    names = factory.LazyAttribute(lambda g: {"en": g.slug.title(), "de": g.slug.title(), "ru": g.slug.title()})


class TopicFactory(factory.django.DjangoModelFactory[Topic]):
    class Meta:
        model = Topic

    product_group = factory.SubFactory(ProductGroupFactory)
    slug = factory.Sequence(lambda n: f"topic-{n}")
    names = factory.LazyAttribute(lambda t: {"en": f"Topic {t.slug}", "de": f"Thema {t.slug}", "ru": f"Тема {t.slug}"})


class ArticleFactory(factory.django.DjangoModelFactory[Article]):
    class Meta:
        model = Article

    topic = factory.SubFactory(TopicFactory)
    product_group = factory.LazyAttribute(lambda a: a.topic.product_group)
    source_locale = "en"
    slug = factory.Sequence(lambda n: f"article-{n}")
    external_id = factory.LazyAttribute(lambda a: a.slug)


class ArticleTranslationFactory(factory.django.DjangoModelFactory[ArticleTranslation]):
    class Meta:
        model = ArticleTranslation

    article = factory.SubFactory(ArticleFactory)
    locale = factory.LazyAttribute(lambda t: t.article.source_locale)
    title = factory.Sequence(lambda n: f"How to fix problem {n}")
    body = "## Steps\n\n1. Restart the device.\n2. Check the cable.\n"
    status = ArticleTranslation.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class ArticleVersionFactory(factory.django.DjangoModelFactory[ArticleVersion]):
    class Meta:
        model = ArticleVersion

    translation = factory.SubFactory(ArticleTranslationFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda v: v.translation.title)
    body = factory.LazyAttribute(lambda v: v.translation.body)


class ArticleStatusChangeFactory(factory.django.DjangoModelFactory[ArticleStatusChange]):
    class Meta:
        model = ArticleStatusChange

    translation = factory.SubFactory(ArticleTranslationFactory)
    from_status = ArticleTranslation.Status.IN_REVIEW
    to_status = ArticleTranslation.Status.PUBLISHED


class ArticleDailyStatFactory(factory.django.DjangoModelFactory[ArticleDailyStat]):
    class Meta:
        model = ArticleDailyStat

    article = factory.SubFactory(ArticleFactory)
    locale = "en"
    day = factory.LazyFunction(timezone.localdate)
    views = 1


class ArticleFeedbackFactory(factory.django.DjangoModelFactory[ArticleFeedback]):
    class Meta:
        model = ArticleFeedback

    article = factory.SubFactory(ArticleFactory)
    locale = "en"
    helpful = True
    visitor = factory.Sequence(lambda n: f"session:{n}")
