from __future__ import annotations

from django.http import HttpRequest, JsonResponse

from caselog.core.rest import error_response


def not_found(request: HttpRequest) -> JsonResponse:
    return error_response(404, "not_found", "No such endpoint; see /api/v1/docs.")
