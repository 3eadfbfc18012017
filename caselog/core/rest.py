"""What every domain's REST router needs, below the domains: the one error body, keyset
pagination, token authentication with scopes and `Idempotency-Key`. Tokens and stored answers
belong to the `api` app, which plugs them in at start-up (`rest_backend_register`), so a
domain's `api.py` never imports `api`; the NinjaAPI there mounts the domains' routers."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Annotated, Any, Protocol, TypeVar

from django.core import signing
from django.db.models import Model, QuerySet
from django.http import HttpRequest, JsonResponse
from ninja import Schema
from ninja.params.functions import Header
from ninja.security import HttpBearer

M = TypeVar("M", bound=Model)
Answer = tuple[int, dict[str, Any]]

# --- the one error body -----------------------------------------------------------------------


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields or {}


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def error_response(status: int, code: str, message: str, fields: dict[str, list[str]] | None = None) -> JsonResponse:
    return JsonResponse(error_body(code, message, fields), status=status)


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class ErrorOut(Schema):
    error: ErrorDetail


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut}


# --- keyset pagination --------------------------------------------------------------------------
# The cursor is the signed id of the last row of a page, so pages stay stable while rows are
# added or change between requests.


def cursor_id(cursor: str, *, salt: str) -> int:
    """The id a cursor of ours holds; anything else (tampered, another endpoint's) is a 400."""
    try:
        return int(signing.loads(cursor, salt=salt))
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise ApiError(400, "bad_cursor", "This cursor is not valid.", {"cursor": ["not valid"]}) from error


def keyset_page(rows: QuerySet[M], *, limit: int, salt: str, out: Callable[[M], dict[str, Any]]) -> dict[str, Any]:
    """The first `limit` of the ordered `rows` as {"items", "next_cursor"}; the cursor is null on the last page."""
    page = list(rows[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    return {
        "items": [out(row) for row in page],
        "next_cursor": signing.dumps(page[-1].pk, salt=salt) if more else None,
    }


# --- tokens, scopes and idempotency (plugged in by the api app) --------------------------------


class _OwnedToken(Protocol):
    owner: Any


@dataclass(frozen=True)
class RestBackend:
    # The token for this secret if it is valid and carries every scope (else None, or an ApiError).
    authenticate: Callable[[str, tuple[str, ...]], _OwnedToken | None]
    # Run `compute` once per (token, Idempotency-Key) and answer a retry with the stored answer.
    idempotent: Callable[[HttpRequest, str | None, Callable[[], Answer]], Answer]
    scopes: Collection[str]


_backend: RestBackend | None = None


def rest_backend_register(
    *,
    authenticate: Callable[[str, tuple[str, ...]], _OwnedToken | None],
    idempotent: Callable[[HttpRequest, str | None, Callable[[], Answer]], Answer],
    scopes: Collection[str],
) -> None:
    global _backend
    _backend = RestBackend(authenticate=authenticate, idempotent=idempotent, scopes=frozenset(scopes))


def _rest_backend() -> RestBackend:
    if _backend is None:
        raise RuntimeError("no REST backend: the api app registers it in its ready()")
    return _backend


class ScopedBearer(HttpBearer):
    openapi_scheme = "bearer"

    def __init__(self, *scopes: str) -> None:
        unknown = [scope for scope in scopes if scope not in _rest_backend().scopes]
        if unknown:
            raise ValueError(f"unknown API scopes {unknown}")
        self.scopes = scopes
        super().__init__()

    def authenticate(self, request: HttpRequest, token: str) -> _OwnedToken | None:
        return _rest_backend().authenticate(token, self.scopes)


def token_auth(*scopes: str) -> ScopedBearer:
    """`auth=token_auth("devices:diagnostics")` on an endpoint: a bearer token with these scopes."""
    return ScopedBearer(*scopes)


def token_owner(request: HttpRequest) -> Any:
    """The user a request that came in with a token acts as."""
    token = getattr(request, "auth", None)
    assert token is not None and hasattr(token, "owner")
    return token.owner


IdempotencyKey = Annotated[str | None, Header(None, alias="Idempotency-Key")]


def idempotent(request: HttpRequest, key: str | None, compute: Callable[[], Answer]) -> Answer:
    """Run `compute` once per (token, key): a retry with the same key gets the first answer back;
    the same key with a different request is a 409. Without a key, just run it."""
    return _rest_backend().idempotent(request, key, compute)
