from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth.models import Group

from caselog.accounts.models import PartnerOrganisation, Role, User

DEFAULT_PASSWORD = "Support-Pass-2024"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    locale = "en"
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def roles(self, create: bool, extracted: list[Role] | None, **kwargs: Any) -> None:
        if create and extracted:
            from caselog.accounts.roles import roles_sync

            roles_sync()
            self.groups.add(*Group.objects.filter(name__in=[role.value for role in extracted]))


class PartnerOrganisationFactory(factory.django.DjangoModelFactory[PartnerOrganisation]):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"Carrier {n}")
