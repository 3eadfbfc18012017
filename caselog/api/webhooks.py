"""Webhook delivery: what an event looks like, who may receive it, how it is signed and sent.

Every delivery is a POST of JSON `{"id", "type", "created", "data"}` with the header

    Caselog-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of f"{t}.{body}" with the secret>

The receiver recomputes the HMAC over the raw body and rejects a timestamp older than a few
minutes (a replayed request carries an old `t`, and `t` cannot be changed without the secret).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models

from caselog.accounts.models import User

SIGNATURE_HEADER = "Caselog-Signature"
USER_AGENT = "Caselog-Webhooks/1"
EXCERPT_CHARS = 500

# Delays before the 2nd, 3rd, ... try: about 18 hours from the first try to the last.
DEFAULT_RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
)


def retry_delays() -> tuple[timedelta, ...]:
    return tuple(getattr(settings, "WEBHOOK_RETRY_DELAYS", DEFAULT_RETRY_DELAYS))


def disable_after_failures() -> int:
    """Consecutive failed tries (over all of an endpoint's deliveries) before it is switched off."""
    return int(getattr(settings, "WEBHOOK_DISABLE_AFTER_FAILURES", 10))


def request_timeout_seconds() -> float:
    return float(getattr(settings, "WEBHOOK_TIMEOUT_SECONDS", 10))


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


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status: int | None
    excerpt: str
    error: str


def post(*, url: str, body: bytes, headers: dict[str, str]) -> Outcome:
    """One try. Any 2xx is success; anything else (other status, timeout, refused) is a failure."""
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)  # noqa: S310 (http/https only, checked on save)
    try:
        with urllib.request.urlopen(request, timeout=request_timeout_seconds()) as response:  # noqa: S310
            excerpt = response.read(EXCERPT_CHARS).decode("utf-8", "replace")
            return Outcome(ok=200 <= response.status < 300, status=response.status, excerpt=excerpt, error="")
    except urllib.error.HTTPError as error:
        excerpt = error.read(EXCERPT_CHARS).decode("utf-8", "replace") if error.fp else ""
        return Outcome(ok=False, status=error.code, excerpt=excerpt, error=f"HTTP {error.code}")
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return Outcome(ok=False, status=None, excerpt="", error=str(reason)[:300])


# --- what an event says, and who may hear it ------------------------------------------------


def _case_data(case: Any) -> dict[str, Any]:
    from caselog.api.cases import _case_out
    from caselog.cases.models import Case

    return _case_out(Case.objects.select_related("queue", "assignee").get(pk=case.pk))


def _message_data(message: Any) -> dict[str, Any]:
    from caselog.api.cases import _message_out

    return {"case_number": message.case.number, "message": _message_out(message)}


def _repair_data(order: Any) -> dict[str, Any]:
    return {
        "number": order.number,
        "state": order.state,
        "case_number": order.case.number if order.case_id else None,
        "device_serial": order.device.serial,
        "location_id": order.location_id,
        "updated_at": order.updated_at.isoformat(),
    }


def _refund_data(refund: Any) -> dict[str, Any]:
    return {
        "id": refund.pk,
        "order_number": refund.purchase.order_number,
        "amount": str(refund.amount),
        "currency": refund.currency,
        "destination": refund.destination,
        "state": refund.state,
        "case_number": refund.case.number if refund.case_id else None,
        "expected_by": refund.expected_by.isoformat() if refund.expected_by else None,
        "completed_at": refund.completed_at.isoformat() if refund.completed_at else None,
    }


def _case_visible(user: User, case_id: int | None) -> bool:
    from caselog.cases.selectors import case_list_visible_to

    return case_id is not None and case_list_visible_to(user=user).filter(pk=case_id).exists()


def _repair_visible(user: User, order_id: int | None) -> bool:
    from caselog.repairs.selectors import order_list_visible_to

    return order_id is not None and order_list_visible_to(user=user).filter(pk=order_id).exists()


def _refund_visible(user: User, refund_id: int | None) -> bool:
    # The store panel shows refunds to whoever may work cases (store.services.check_can_work_store).
    return user.has_perm("cases.work_case")


@dataclass(frozen=True)
class Kind:
    data: Callable[[Any], dict[str, Any]]
    visible: Callable[[User, int | None], bool]
    # The id the visibility check needs (a message is seen through its case).
    scope_id: Callable[[Any], int | None]


KINDS: dict[str, Kind] = {
    "cases.case": Kind(_case_data, _case_visible, lambda case: case.pk),
    "cases.message": Kind(_message_data, _case_visible, lambda message: message.case_id),
    "repairs.repairorder": Kind(_repair_data, _repair_visible, lambda order: order.pk),
    "store.refund": Kind(_refund_data, _refund_visible, lambda refund: refund.pk),
}


def kind_of(target: models.Model) -> tuple[str, Kind]:
    label = target._meta.label_lower
    if label not in KINDS:
        raise ValueError(f"no webhook payload for {label}")
    return label, KINDS[label]
