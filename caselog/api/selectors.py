from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from caselog.accounts.models import User
from caselog.api.models import ApiToken


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """Every token, for those who manage them (tokens belong to the organisation, not a person)."""
    if not user.has_perm("api.manage_apitoken"):
        return ApiToken.objects.none()
    return ApiToken.objects.select_related("owner")


def api_token_for_user(*, user: User, pk: int) -> ApiToken:
    return get_object_or_404(api_token_list(user=user), pk=pk)
