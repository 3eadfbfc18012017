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


@pytest.fixture
def diagnostics_token(maria: Any) -> str:
    return api_token_create(actor=maria, name="Diagnostics tool", scopes=["devices:diagnostics"])[1]


@pytest.fixture
def counts_token(maria: Any) -> str:
    return api_token_create(actor=maria, name="Sync service", scopes=["accounts:content-counts"])[1]


@pytest.fixture
def read_token(maria: Any) -> str:
    return api_token_create(actor=maria, name="Carrier portal", scopes=["devices:read"])[1]
