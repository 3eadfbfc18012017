"""Webhook delivery: what an event looks like, who may receive it, how it is signed and sent.

Every delivery is a POST of JSON `{"id", "type", "created", "data"}` with the header

    Caselog-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of f"{t}.{body}" with the secret>

The receiver recomputes the HMAC over the raw body and rejects a timestamp older than a few
minutes (a replayed request carries an old `t`, and `t` cannot be changed without the secret).
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import ipaddress
import json
import socket
import ssl
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SIGNATURE_HEADER = "Caselog-Signature"
USER_AGENT = "Caselog-Webhooks/1"
EXCERPT_CHARS = 500


def retry_delays() -> tuple[timedelta, ...]:
    return tuple(settings.WEBHOOK_RETRY_DELAYS)


def disable_after_failures() -> int:
    """Consecutive failed tries (over all of an endpoint's deliveries) before it is switched off."""
    return int(settings.WEBHOOK_DISABLE_AFTER_FAILURES)


def request_timeout_seconds() -> float:
    return float(settings.WEBHOOK_TIMEOUT_SECONDS)


def signature_header(*, secret: str, body: bytes, timestamp: int | None = None) -> str:
    """`t=<timestamp>,v1=<HMAC-SHA256(secret, f"{timestamp}.{body}")>`."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def signature_verify(*, secret: str, body: bytes, header: str, tolerance_seconds: int = 300) -> bool:
    """The receiver's check, as integrators should write it (also used by the tests)."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - timestamp) > tolerance_seconds:
        return False
    expected = signature_header(secret=secret, body=body, timestamp=timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


def event_body(*, event_id: str, event: str, created: datetime, data: dict[str, Any]) -> bytes:
    return json.dumps(
        {"id": event_id, "type": event, "created": created.isoformat(), "data": data},
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()


# --- where a delivery may go (no server-side request forgery) ---------------------------------

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# NAT64's well-known prefix carries an IPv4 address in its last 32 bits.
NAT64_PREFIX = ipaddress.IPv6Network("64:ff9b::/96")
LOCAL_NAMES = ("localhost", "localhost.localdomain")


def private_targets_allowed() -> bool:
    """On only where Caselog and its receivers share a private network on purpose (and in the
    tests that deliver to a receiver on 127.0.0.1)."""
    return bool(settings.WEBHOOK_ALLOW_PRIVATE_TARGETS)


class TargetNotAllowed(ValidationError):
    """The endpoint is, or resolves to, an address inside a private network (loopback,
    private, link-local, multicast, reserved, ...): the server must not post there for a user."""

    code = "webhook_target_not_allowed"

    def __init__(self, message: str) -> None:
        super().__init__({"url": [message]})
        self.reason = message


def address_is_private(address: IPAddress) -> bool:
    """Anything but a public unicast address. An IPv6 address that carries an IPv4 one
    (IPv4-mapped, 6to4, NAT64) is judged by the IPv4 address it reaches; Teredo stays
    refused (2001::/32 is not global)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in NAT64_PREFIX:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return address_is_private(embedded)
        if address.is_site_local:  # fec0::/10: deprecated, but still not the public internet
            return True
    return not address.is_global or address.is_multicast or address.is_reserved


def _host_and_port(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError as error:
        raise TargetNotAllowed(_("The URL's port is not valid.")) from error
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise TargetNotAllowed(_("The URL has no host."))
    return host, port or (443 if parts.scheme == "https" else 80)


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return None


def _resolve(host: str, port: int) -> list[IPAddress]:
    """Every address the host resolves to (socket.gaierror / UnicodeError if it does not)."""
    literal = _literal(host)
    if literal is not None:
        return [literal]
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos))


def _refuse_private(host: str, addresses: list[IPAddress]) -> None:
    private = [address for address in addresses if address_is_private(address)]
    if private and not private_targets_allowed():
        raise TargetNotAllowed(
            _(
                "%(host)s is, or resolves to, a private or reserved address (%(address)s); webhooks go to public addresses only."
            )
            % {"host": host, "address": private[0]}
        )


def target_check(url: str) -> None:
    """At subscription time: refuse a URL whose host is a private address, a local name, or a
    name that resolves to a private address. A name that does not resolve (yet) is let through:
    every delivery checks again."""
    host, port = _host_and_port(url)
    if not private_targets_allowed() and (host.lower() in LOCAL_NAMES or host.lower().endswith(".localhost")):
        raise TargetNotAllowed(_("%(host)s is a local name; webhooks go to public addresses only.") % {"host": host})
    try:
        addresses = _resolve(host, port)
    except (OSError, UnicodeError):
        return
    _refuse_private(host, addresses)


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status: int | None
    excerpt: str
    error: str
    # Not sent at all: the endpoint resolved to an address webhooks may not go to.
    refused: bool = False


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, not to whatever the name resolves to a moment
    later (a second lookup could answer with a private address)."""

    def __init__(self, host: str, port: int, *, address: IPAddress, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((str(self.address), self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, *, address: IPAddress, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((str(self.address), self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def post(*, url: str, body: bytes, headers: dict[str, str]) -> Outcome:
    """One try. The host is resolved and every address checked first; a private one refuses the
    delivery without sending it. Any 2xx is success; anything else (another status, a redirect,
    a timeout, a refused connection) is a failure. Redirects are not followed: they could point
    anywhere."""
    parts = urlsplit(url)
    try:
        host, port = _host_and_port(url)
        addresses = _resolve(host, port)
        _refuse_private(host, addresses)
    except TargetNotAllowed as refusal:
        return Outcome(ok=False, status=None, excerpt="", error=f"Refused: {refusal.reason}"[:300], refused=True)
    except (OSError, UnicodeError) as error:
        return Outcome(ok=False, status=None, excerpt="", error=f"Could not resolve {parts.hostname}: {error}"[:300])
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection: http.client.HTTPConnection | None = None
    error_text = ""
    for address in addresses:  # the first that accepts the connection; the body is sent once
        candidate = connection_class(host, port, address=address, timeout=request_timeout_seconds())
        try:
            candidate.connect()
        except (OSError, ValueError) as error:
            candidate.close()
            error_text = str(error) or type(error).__name__
            continue
        connection = candidate
        break
    if connection is None:
        return Outcome(ok=False, status=None, excerpt="", error=error_text[:300])
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        excerpt = response.read(EXCERPT_CHARS).decode("utf-8", "replace")
    except (OSError, http.client.HTTPException, ValueError) as error:
        return Outcome(ok=False, status=None, excerpt="", error=(str(error) or type(error).__name__)[:300])
    finally:
        connection.close()
    ok = 200 <= response.status < 300
    return Outcome(ok=ok, status=response.status, excerpt=excerpt, error="" if ok else f"HTTP {response.status}")
