from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, TestCase


@pytest.fixture(autouse=True)
def _fast_hasher(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Smaller allowances keep the flood tests short; the tests read them from settings.
    settings.ACCOUNT_LOCKOUT_FAILURES = 4
    settings.SIGNIN_NETWORK_FREE_FAILURES = 3
    settings.KNOWN_DEVICE_FREE_FAILURES = 3


@pytest.fixture(autouse=True)
def _commit_per_request(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test request ends like a real one: its on-commit callbacks (emails) run."""
    original = Client.request

    def request(self: Client, **kwargs: Any) -> Any:
        with TestCase.captureOnCommitCallbacks(execute=True):
            return original(self, **kwargs)

    monkeypatch.setattr(Client, "request", request)


def english(client: Client) -> Client:
    """The cast's customers speak Russian; a language cookie lets a test read English pages."""
    client.cookies["django_language"] = "en"
    return client


def client_from(ip: str) -> Client:
    """A browser without cookies at the given address: how an attacker shows up."""
    return Client(REMOTE_ADDR=ip)


def sign_in(client: Client, email: str, password: str) -> Any:
    return client.post("/accounts/login/", {"email": email, "password": password})
