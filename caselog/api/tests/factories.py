from __future__ import annotations

import hashlib

import factory

from caselog.accounts.tests.factories import UserFactory
from caselog.api.models import ApiToken


class ApiTokenFactory(factory.django.DjangoModelFactory[ApiToken]):
    class Meta:
        model = ApiToken

    name = factory.Sequence(lambda n: f"Integration {n}")
    owner = factory.SubFactory(UserFactory)
    scopes = factory.LazyFunction(lambda: ["devices:read"])
    prefix = factory.Sequence(lambda n: f"cl_{n:07d}")
    token_hash = factory.Sequence(lambda n: hashlib.sha256(f"token-{n}".encode()).hexdigest())
