from __future__ import annotations

import factory

from caselog.accounts.tests.factories import UserFactory
from caselog.community.models import Reply, Representative, Section, Thread, UserGroup, Vote
from caselog.knowledge.tests.factories import ProductGroupFactory


class SectionFactory(factory.django.DjangoModelFactory[Section]):
    class Meta:
        model = Section

    product_group = factory.SubFactory(ProductGroupFactory)
    topic = None
    locale = "en"
    slug = factory.Sequence(lambda n: f"section-{n}")


class ThreadFactory(factory.django.DjangoModelFactory[Thread]):
    class Meta:
        model = Thread

    section = factory.SubFactory(SectionFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Question number {n}")
    body = "What should I do?"


class ReplyFactory(factory.django.DjangoModelFactory[Reply]):
    class Meta:
        model = Reply

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    body = "Try restarting it."


class VoteFactory(factory.django.DjangoModelFactory[Vote]):
    class Meta:
        model = Vote

    user = factory.SubFactory(UserFactory)
    thread = factory.SubFactory(ThreadFactory)
    reply = None


class RepresentativeFactory(factory.django.DjangoModelFactory[Representative]):
    class Meta:
        model = Representative

    user = factory.SubFactory(UserFactory)
    title = "Support"


class UserGroupFactory(factory.django.DjangoModelFactory[UserGroup]):
    class Meta:
        model = UserGroup

    name = factory.Sequence(lambda n: f"Users group {n}")
    country = "DE"
    city = "Berlin"
    description = "We meet monthly."
    meeting_place = "Café Mitte"
    contact = "group@example.com"
