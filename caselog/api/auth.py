"""Bearer-token authentication with scopes: `auth=token_auth("devices:diagnostics")` on an endpoint.
Each token may make API_TOKEN_RATE_LIMIT requests a minute (default 600); more get 429 with Retry-After."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import Throttled
from ninja.security import HttpBearer

from caselog.accounts.models import User
from caselog.api.errors import ApiError
from caselog.api.models import ApiScope, ApiToken
from caselog.api.services import api_token_authenticate
from caselog.core.ratelimit import rate_limit_wait


class ScopedBearer(HttpBearer):
    openapi_scheme = "bearer"

    def __init__(self, *scopes: str) -> None:
        unknown = [scope for scope in scopes if scope not in ApiScope.values]
        if unknown:
            raise ValueError(f"unknown API scopes {unknown}")
        self.scopes = scopes
        super().__init__()

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        api_token = api_token_authenticate(raw=token)
        if api_token is None:
            return None
        retry_after = rate_limit_wait(
            scope="api-token",
            ident=str(api_token.pk),
            limit=settings.API_TOKEN_RATE_LIMIT,
            window=timedelta(minutes=1),
        )
        if retry_after:
            raise Throttled(wait=retry_after)
        missing = [scope for scope in self.scopes if scope not in api_token.scopes]
        if missing:
            raise ApiError(403, "insufficient_scope", f"This token lacks the scope {', '.join(missing)}.")
        return api_token


def token_auth(*scopes: str) -> ScopedBearer:
    return ScopedBearer(*scopes)


def token_owner(request: HttpRequest) -> User:
    """The user a request that came in with a token acts as."""
    token = request.auth  # type: ignore[attr-defined]
    assert isinstance(token, ApiToken)
    return token.owner
