from __future__ import annotations

import factory

from caselog.knowledge.models import ProductGroup, Topic


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
