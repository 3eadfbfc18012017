"""The UI language: the signed-in user's profile first, then the session/cookie, then the browser."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class ProfileLanguageMiddleware:
    """After authentication: a signed-in user's saved language wins over the browser's,
    unless they picked another language explicitly (the language cookie)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.locale in dict(settings.LANGUAGES)
        ):
            translation.activate(user.locale)
            request.LANGUAGE_CODE = user.locale
        return self.get_response(request)
