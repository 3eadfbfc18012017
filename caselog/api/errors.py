"""One error body for every 4xx: {"error": {"code": ..., "message": ..., "fields": {...}}}. The body
and `ApiError` live in core.rest (the domains' routers raise it); this routes every exception to it."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from caselog.core.bad_input import is_number_out_of_range
from caselog.core.rest import ApiError, error_body, error_response

CODE_FOR_STATUS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    429: "rate_limited",
}
# Where ninja says an error was found; the field path starts after these.
LOCATIONS = {"body", "query", "path", "header", "cookie", "form", "file", "payload"}


def _field_path(loc: list[Any]) -> str:
    parts = [str(part) for part in loc]
    while parts and parts[0] in LOCATIONS:
        parts.pop(0)
    return ".".join(parts) or "__all__"


def install(api: NinjaAPI) -> None:
    """Route every exception an endpoint can raise to the one error body."""

    def on_api_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, error_body(exc.code, exc.message, exc.fields), status=exc.status)

    def on_validation(request: HttpRequest, exc: Any) -> HttpResponse:
        fields: dict[str, list[str]] = {}
        for item in exc.errors:
            fields.setdefault(_field_path(list(item.get("loc", []))), []).append(str(item.get("msg", "invalid")))
        return api.create_response(request, error_body("invalid", "The request is not valid.", fields), status=422)

    def on_django_validation(request: HttpRequest, exc: Any) -> HttpResponse:
        fields = (
            {name: [str(m) for m in messages] for name, messages in exc.message_dict.items()}
            if hasattr(exc, "error_dict")
            else {"__all__": [str(m) for m in exc.messages]}
        )
        message = "; ".join(message for messages in fields.values() for message in messages)
        return api.create_response(request, error_body("invalid", message, fields), status=422)

    def on_http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        code = CODE_FOR_STATUS.get(exc.status_code, "error")
        message = (
            "Authentication required: send 'Authorization: Bearer <token>'."
            if isinstance(exc, AuthenticationError)
            else str(exc)
        )
        response = api.create_response(request, error_body(code, message), status=exc.status_code)
        if isinstance(exc, AuthenticationError):
            response["WWW-Authenticate"] = 'Bearer realm="caselog"'
        if isinstance(exc, Throttled) and exc.wait:
            response["Retry-After"] = str(int(exc.wait))
        return response

    def on_not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, error_body("not_found", "Not found."), status=404)

    def on_out_of_range(request: HttpRequest, exc: Any) -> HttpResponse:
        if not is_number_out_of_range(exc):
            raise exc
        return api.create_response(
            request, error_body("invalid", "A number in the request is out of range."), status=422
        )

    api.add_exception_handler(OverflowError, on_out_of_range)
    api.add_exception_handler(DataError, on_out_of_range)
    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(NinjaValidationError, on_validation)
    api.add_exception_handler(DjangoValidationError, on_django_validation)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(PermissionDenied, on_not_found)


def json_method_not_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """ninja answers a wrong method with a plain-text 405; give it the error body too."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith("application/json"):
            allowed = response.get("Allow", "")
            json_response = error_response(405, "method_not_allowed", f"Use one of: {allowed}.")
            json_response["Allow"] = allowed
            return json_response
        return response

    return wrapper


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def reject_nul_characters(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A NUL character is never meaningful text, and PostgreSQL cannot store or even compare it
    (it would be a 500 there): refuse it anywhere in the path, the query or a JSON body."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        found = "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        )
        if not found and (b"\\u0000" in request.body or b"\x00" in request.body):
            try:
                found = _has_nul(json.loads(request.body))
            except ValueError:
                found = b"\x00" in request.body
        if found:
            return error_response(
                422, "invalid", "NUL characters are not allowed.", {"__all__": ["NUL characters are not allowed"]}
            )
        return view(request, *args, **kwargs)

    return wrapper
