from __future__ import annotations

from typing import Any

import pytest

from caselog.api.services import api_token_create
from caselog.devices.tests.conftest import (  # noqa: F401  (the devices cast)
    _english_outside_requests,
    _fast_password_hashing,
    _fresh_cache,
    alice_iphone,
    iphone_15,
    iphone_line,
)
from caselog.repairs.tests.conftest import (  # noqa: F401  (the repair cast)
    alice_phone,
    berlin,
    moscow,
    phone_product,
    screen_repair,
    tess,
    tom,
)


@pytest.fixture
def diagnostics_token(maria: Any) -> str:
    return api_token_create(actor=maria, name="Diagnostics tool", scopes=["devices:diagnostics"])[1]


@pytest.fixture
def counts_token(maria: Any) -> str:
    return api_token_create(actor=maria, name="Sync service", scopes=["accounts:content-counts"])[1]


@pytest.fixture
def read_token(maria: Any) -> str:
    return api_token_create(actor=maria, name="Carrier portal", scopes=["devices:read"])[1]


def token_for(owner: Any, *scopes: str) -> str:
    """A live token acting as `owner` (tokens are made by managers; the owner is who it acts as)."""
    from caselog.api.models import ApiToken
    from caselog.api.services import TOKEN_PREFIX, token_hash

    raw = f"{TOKEN_PREFIX}test-{owner.pk}-{'-'.join(scopes)}"
    ApiToken.objects.create(name="Test", owner=owner, scopes=list(scopes), prefix=raw[:10], token_hash=token_hash(raw))
    return raw


@pytest.fixture
def bob_token(bob: Any) -> str:
    return token_for(bob, "cases:read", "cases:write")


@pytest.fixture
def dora_token(dora: Any) -> str:
    return token_for(dora, "cases:read", "cases:write")
