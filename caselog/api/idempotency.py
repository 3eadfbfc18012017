"""`Idempotency-Key` on creating calls: the first answer is stored per token and key, and a retry
with the same key gets that answer back (nothing is created twice). The same key with a different
request is a 409: it is a client bug, not a retry."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest

from caselog.api.models import ApiToken, IdempotentRequest
from caselog.core.rest import ApiError

MAX_KEY_LENGTH = 200


def _request_hash(request: HttpRequest) -> str:
    digest = hashlib.sha256()
    digest.update(request.method.encode() if request.method else b"")
    digest.update(b"\0" + request.path.encode() + b"\0")
    digest.update(request.body)
    return digest.hexdigest()


def _stored(record: IdempotentRequest, request_hash: str) -> tuple[int, dict[str, Any]]:
    if record.request_hash != request_hash:
        raise ApiError(409, "idempotency_key_reused", "This Idempotency-Key was used for a different request.")
    return record.status_code, record.response_body


def idempotent(
    request: HttpRequest, key: str | None, compute: Callable[[], tuple[int, dict[str, Any]]]
) -> tuple[int, dict[str, Any]]:
    """Run `compute` once per (token, key); without a key, just run it."""
    if not key:
        return compute()
    if len(key) > MAX_KEY_LENGTH:
        raise ApiError(
            422, "invalid", "The Idempotency-Key is too long.", {"Idempotency-Key": ["at most 200 characters"]}
        )
    token = request.auth  # type: ignore[attr-defined]
    assert isinstance(token, ApiToken)
    request_hash = _request_hash(request)
    record = IdempotentRequest.objects.filter(token=token, key=key).first()
    if record is not None:
        return _stored(record, request_hash)
    try:
        with transaction.atomic():
            status, body = compute()
            IdempotentRequest.objects.create(
                token=token,
                key=key,
                request_hash=request_hash,
                status_code=status,
                response_body=body,
                response_hash=hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest(),
            )
    except IntegrityError:
        # A concurrent call with the same key won; what this one did is rolled back with it.
        winner = IdempotentRequest.objects.filter(token=token, key=key).first()
        if winner is None:
            raise
        return _stored(winner, request_hash)
    return status, body
