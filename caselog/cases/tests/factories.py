from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone

from caselog.accounts.models import Role
from caselog.accounts.tests.factories import UserFactory
from caselog.cases.models import AgentProfile, CallLog, Case, Department, Message, Queue, RequestType
from caselog.knowledge.tests.factories import TopicFactory


class DepartmentFactory(factory.django.DjangoModelFactory[Department]):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"Department {n}")
    language = "en"
    country = "US"


class QueueFactory(factory.django.DjangoModelFactory[Queue]):
    class Meta:
        model = Queue
        skip_postgeneration_save = True

    department = factory.SubFactory(DepartmentFactory)
    name = factory.Sequence(lambda n: f"Queue {n}")

    @factory.post_generation
    def product_groups(self, create: bool, extracted: list[Any] | None, **kwargs: Any) -> None:
        if create and extracted:
            self.product_groups.add(*extracted)


def agent_create(*, departments: list[Department], languages: list[str], role: Role = Role.AGENT, **kwargs: Any) -> Any:
    user = UserFactory(roles=[role], **kwargs)
    profile = AgentProfile.objects.create(user=user, languages=languages)
    profile.departments.add(*departments)
    return user


class RequestTypeFactory(factory.django.DjangoModelFactory[RequestType]):
    class Meta:
        model = RequestType

    topic = factory.SubFactory(TopicFactory)
    slug = factory.Sequence(lambda n: f"request-{n}")
    names = factory.LazyAttribute(
        lambda r: {"en": f"Request {r.slug}", "de": f"Anfrage {r.slug}", "ru": f"Запрос {r.slug}"}
    )
    first_response_hours = 48


class CaseFactory(factory.django.DjangoModelFactory[Case]):
    class Meta:
        model = Case

    number = factory.Sequence(lambda n: f"C-{100000 + n}")
    subject = factory.Faker("sentence", nb_words=5)
    locale = "en"
    request_type = factory.SubFactory(RequestTypeFactory)
    topic = factory.LazyAttribute(lambda c: c.request_type.topic)
    product_group = factory.LazyAttribute(lambda c: c.request_type.topic.product_group)
    queue = factory.SubFactory(QueueFactory)
    customer = factory.SubFactory(UserFactory)
    contact_email = factory.LazyAttribute(lambda c: c.customer.email if c.customer else "guest@example.com")
    first_response_due = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=24))


class MessageFactory(factory.django.DjangoModelFactory[Message]):
    class Meta:
        model = Message

    case = factory.SubFactory(CaseFactory)
    kind = Message.Kind.CUSTOMER
    body = factory.Faker("paragraph")


class CallLogFactory(factory.django.DjangoModelFactory[CallLog]):
    class Meta:
        model = CallLog

    case = factory.SubFactory(CaseFactory)
    agent = factory.SubFactory(UserFactory)
    started_at = factory.LazyFunction(timezone.now)
