from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from caselog.accounts.models import User
from caselog.api.models import ApiScope, ApiToken

TOKEN_PREFIX = "cl_"


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, actor: User, name: str, scopes: list[str]) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is shown once and never stored."""
    if not actor.has_perm("api.manage_apitoken"):
        raise PermissionDenied
    unknown = [scope for scope in scopes if scope not in ApiScope.values]
    if unknown or not scopes:
        raise ValidationError({"scopes": _("Choose at least one known scope.")})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            name=name.strip()[:80], owner=actor, scopes=sorted(set(scopes)), prefix=raw[:10], token_hash=token_hash(raw)
        )
        from caselog.audit.services import audit_record

        audit_record(actor=actor, action="api.token_create", target=token, after={"scopes": ",".join(token.scopes)})
    return token, raw


def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke a token at once; requests carrying it get 401 from then on."""
    if not actor.has_perm("api.manage_apitoken"):
        raise PermissionDenied
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        from caselog.audit.services import audit_record

        audit_record(actor=actor, action="api.token_revoke", target=token)
    return token


def api_token_authenticate(*, raw: str) -> ApiToken | None:
    """The active token for this secret, its last use noted; None for unknown or revoked ones."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = ApiToken.objects.select_related("owner").filter(token_hash=token_hash(raw), revoked_at__isnull=True).first()
    if token is None or not token.owner.is_active:
        return None
    now = timezone.now()
    # One write a minute at most: a busy integration should not write on every request.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
