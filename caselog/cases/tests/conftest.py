"""Tokens for the cases API tests (made in the api app's tests, which own tokens)."""

from caselog.api.tests.conftest import bob_token, dora_token  # noqa: F401
