"""The sign-in throttle counts the client's address as core.clients finds it."""

from __future__ import annotations

from django.test import RequestFactory

from caselog.accounts.clients import client_from_request


def test_the_signin_throttle_counts_the_forwarded_client_behind_our_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    client = client_from_request(
        RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")
    )
    assert client.ip == "198.51.100.7"
    assert client.network == "198.51.100.0/24"
