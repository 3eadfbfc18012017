"""Access checks for views. A page a user may not see answers 404, never 403, so that its
existence is not confirmed; anonymous visitors are sent to sign in first."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])


def permission_required_or_404(*perms: str) -> Callable[[ViewFunc], ViewFunc]:
    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perms(perms):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


staff_required = permission_required_or_404("cases.work_case")
