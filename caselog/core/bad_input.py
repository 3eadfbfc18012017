"""Numbers no database column can hold are bad input, not server errors.

`?queue=9223372036854775808` passes every form's int parsing (Python ints have no limit),
then SQLite refuses to bind it (OverflowError) and PostgreSQL to compare it (numeric value
out of range): a 500 in every view that looks an id up. One answer for all of them: 400 on
a page, and the API's own error body for the API (see `api.errors`)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import DataError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

NUMERIC_VALUE_OUT_OF_RANGE = "22003"  # SQLSTATE


def is_number_out_of_range(exc: BaseException) -> bool:
    if isinstance(exc, OverflowError):
        return True
    return isinstance(exc, DataError) and getattr(exc.__cause__, "sqlstate", None) == NUMERIC_VALUE_OUT_OF_RANGE


class NumberOutOfRangeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_number_out_of_range(exception):
            return None
        return render(request, "400.html", status=400)
