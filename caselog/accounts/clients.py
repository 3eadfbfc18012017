"""Who is knocking: the client's address, its network (what the throttle counts) and the
signed, long-lived device cookie that lets a known device keep its own allowance."""

from __future__ import annotations

import ipaddress
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

from caselog.core.clients import client_address

DEVICE_COOKIE_SALT = "caselog.accounts.device"
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


@dataclass(frozen=True)
class Client:
    ip: str | None
    network: str
    device_token: str
    user_agent: str

    @property
    def label(self) -> str:
        return device_label(self.user_agent)


def client_network(ip: str | None) -> str:
    """The /24 (IPv4) or /64 (IPv6) around the address: one household, office or attacker box."""
    if ip is None:
        return "unknown"
    address = ipaddress.ip_address(ip)
    prefix = settings.SIGNIN_NETWORK_PREFIX_IPV4 if address.version == 4 else settings.SIGNIN_NETWORK_PREFIX_IPV6
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def device_token_new() -> str:
    return secrets.token_urlsafe(24)


def device_token_from_request(request: HttpRequest) -> str:
    """The device token from a cookie we signed; anything forged or mangled counts as no cookie."""
    value = request.COOKIES.get(settings.DEVICE_COOKIE_NAME, "")
    if not value:
        return ""
    try:
        token = signing.loads(value, salt=DEVICE_COOKIE_SALT)
    except signing.BadSignature:
        return ""
    return token if isinstance(token, str) and _TOKEN_RE.match(token) else ""


def device_cookie_set(response: HttpResponse, token: str) -> None:
    response.set_cookie(
        settings.DEVICE_COOKIE_NAME,
        signing.dumps(token, salt=DEVICE_COOKIE_SALT),
        max_age=int(settings.DEVICE_COOKIE_AGE.total_seconds()),
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
    )


def client_from_request(request: HttpRequest) -> Client:
    ip = client_address(request)
    return Client(
        ip=ip,
        network=client_network(ip),
        device_token=device_token_from_request(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:400],
    )


_BROWSERS = [("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari")]
_SYSTEMS = [
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
]


def device_label(user_agent: str) -> str:
    """A short human name for the device ("Firefox on Windows"), good enough for the alert email."""
    browser = next((name for marker, name in _BROWSERS if marker in user_agent), "")
    system = next((name for marker, name in _SYSTEMS if marker in user_agent), "")
    if browser and system:
        return f"{browser} · {system}"
    return browser or system or (user_agent[:60] if user_agent else "Unknown device")
