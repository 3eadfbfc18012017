"""The answer to an action taken in a panel beside a case: HTMX gets the panel back in place,
a browser without JavaScript goes back to the case (or sees the panel on its own page with the
errors). Panels are looked up in the one registry (core.panels)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from caselog.cases.models import Case
from caselog.core.panels import panel_get
from caselog.core.requests import request_user


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _panel_response(
    request: HttpRequest, case: Case, key: str, *, done: str = "", forms: dict[str, Any] | None = None
) -> HttpResponse:
    """HTMX gets the panel back in place; without JavaScript a success returns to the case and
    an error shows the panel on its own page, with what was typed, as 422."""
    panel = panel_get(key)
    template, context_for = panel.template, panel.context
    if request.headers.get("HX-Request"):
        return render(
            request, template, {"panel": context_for(request_user(request), case, {**(forms or {}), "done": done})}
        )
    if not forms:
        messages.success(request, done)
        return redirect(case)
    context: dict[str, Any] = {
        "panel": context_for(request_user(request), case, forms),
        "panel_template": template,
        "panel_key": key,
        "case": case,
    }
    return render(request, "console/panel_page.html", context, status=422)


def _panel_form_post(
    request: HttpRequest,
    case: Case,
    key: str,
    form_name: str,
    form: Form,
    act: Callable[[dict[str, Any]], object],
    *,
    done: str,
    error_field: str | None = None,
    denied: str = "",
) -> HttpResponse:
    """Give a valid form's data to `act`. A ValidationError from it goes on the form (on `error_field`,
    else above it); with `denied`, so does a PermissionDenied, as that text. A form with errors comes
    back in the panel as `form_name`; otherwise the panel says `done`."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except PermissionDenied:
            if not denied:
                raise
            form.add_error(None, denied)
        except ValidationError as error:
            form.add_error(error_field, _error_text(error))
    if form.errors:
        return _panel_response(request, case, key, forms={form_name: form})
    return _panel_response(request, case, key, done=done)
