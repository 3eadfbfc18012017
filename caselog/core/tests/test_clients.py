"""The client address: X-Forwarded-For is believed only from our own proxies."""

from __future__ import annotations

import pytest
from django.http import HttpRequest
from django.test import RequestFactory

from caselog.core.clients import client_address


def _request(remote_addr: str, forwarded: str | None = None) -> HttpRequest:
    if forwarded is None:
        return RequestFactory().get("/", REMOTE_ADDR=remote_addr)
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, HTTP_X_FORWARDED_FOR=forwarded)


def test_without_trusted_proxies_the_peer_is_the_client_and_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_a_client_that_is_not_our_proxy_cannot_choose_its_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(_request("203.0.113.9", "10.0.0.5, 198.51.100.1")) == "203.0.113.9"


def test_behind_our_proxy_the_right_most_untrusted_hop_is_the_client(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    # The client wrote "1.2.3.4" itself; our proxy appended the address it saw.
    assert client_address(_request("10.0.0.2", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"


def test_chained_proxies_are_all_skipped(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.10"]
    request = _request("10.0.0.2", "1.2.3.4, 198.51.100.7, 192.0.2.10, 10.1.1.1")
    assert client_address(request) == "198.51.100.7"


def test_a_spoofed_hop_naming_our_proxy_does_not_hide_the_client(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    # The client pretends to come through our proxy too: its real address is still found.
    assert client_address(_request("10.0.0.2", "10.9.9.9, 198.51.100.7")) == "198.51.100.7"


def test_garbage_in_the_header_stops_at_the_last_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(_request("10.0.0.2", "198.51.100.7, not-an-ip")) == "10.0.0.2"


def test_a_proxy_without_a_header_is_the_client(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(_request("10.0.0.2")) == "10.0.0.2"


@pytest.mark.parametrize("remote_addr", ["", "unknown", "999.1.1.1"])
def test_no_valid_address_is_none(settings, remote_addr):
    settings.TRUSTED_PROXIES = []
    assert client_address(_request(remote_addr)) is None


def test_ipv6_is_normalised_and_proxies_match_by_family(settings):
    settings.TRUSTED_PROXIES = ["::1", "10.0.0.0/8"]
    assert client_address(_request("::1", "2001:DB8::0001")) == "2001:db8::1"
    assert client_address(_request("2001:db8::5", "198.51.100.7")) == "2001:db8::5"
