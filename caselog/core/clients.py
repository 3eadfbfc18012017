"""The client's address, as the server may believe it.

`X-Forwarded-For` is anyone's to write. It is read only when the peer (`REMOTE_ADDR`) is one
of our own proxies (`TRUSTED_PROXIES`: addresses or CIDR networks); then the hops are read
from the right, skipping our proxies, and the first address that is not ours is the client.
Whatever a client writes to the left of that can never be chosen."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy.strip())


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address, networks: tuple[IPNetwork, ...]) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address (normalised), or None when there is no valid one."""
    peer = _parse(str(request.META.get("REMOTE_ADDR") or ""))
    if peer is None:
        return None
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not _trusted(peer, networks):
        return str(peer)
    hops = [hop for hop in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            # A hop we cannot read: nothing to its left can be trusted either; the last
            # trusted proxy is the best we know.
            return str(peer)
        if not _trusted(address, networks):
            return str(address)
        peer = address
    return str(peer)
