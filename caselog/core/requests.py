"""The typed authenticated request: views behind a sign-in check know `request.user` is a
real user (the project's user model, as django-stubs resolves AUTH_USER_MODEL), not
`AnonymousUser`. The kernel names the model only through Django, never by importing it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import _User


class AuthedHttpRequest(HttpRequest):
    """A request whose user has signed in (annotate views behind `login_required` & co.)."""

    user: _User


def request_user_or_none(request: HttpRequest) -> _User | None:
    """The signed-in user, or None for an anonymous visitor."""
    user = request.user
    return user if isinstance(user, get_user_model()) else None


def request_user(request: HttpRequest) -> _User:
    """The signed-in user of a view that only signed-in users reach (its decorator checked)."""
    user = request_user_or_none(request)
    assert user is not None, "request_user() in a view that anonymous visitors can reach"
    return user
