"""Bearer-token authentication with scopes, plugged into core.rest (`auth=token_auth(...)` on an
endpoint). Each token may make API_TOKEN_RATE_LIMIT requests a minute (default 600); more get 429
with Retry-After."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from ninja.errors import Throttled

from caselog.api.models import ApiToken
from caselog.api.services import api_token_authenticate
from caselog.core.ratelimit import rate_limit_wait
from caselog.core.rest import ApiError


def token_authenticate(raw: str, scopes: tuple[str, ...]) -> ApiToken | None:
    """The active token for this secret if it carries every scope; None for an unknown one."""
    api_token = api_token_authenticate(raw=raw)
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
    missing = [scope for scope in scopes if scope not in api_token.scopes]
    if missing:
        raise ApiError(403, "insufficient_scope", f"This token lacks the scope {', '.join(missing)}.")
    return api_token
