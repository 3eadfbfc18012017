from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caselog.accounts.models import User
from caselog.api.errors import error_response
from caselog.api.forms import ApiTokenForm
from caselog.api.selectors import api_token_for_user, api_token_list
from caselog.api.services import api_token_create, api_token_revoke
from caselog.core.decorators import permission_required_or_404


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@permission_required_or_404("api.manage_apitoken")
def token_list(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        token, raw = api_token_create(actor=_user(request), **form.cleaned_data)
        created = {"token": token, "raw": raw}
        form = ApiTokenForm()
    page = Paginator(api_token_list(user=_user(request)), 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "created": created}
    response = render(request, "api/token_list.html", context, status=422 if form.errors else 200)
    response["Cache-Control"] = "no-store"  # the new secret is on this page
    return response


@require_POST
@permission_required_or_404("api.manage_apitoken")
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = api_token_revoke(actor=_user(request), token=api_token_for_user(user=_user(request), pk=pk))
    messages.success(request, _("Token %(name)s is revoked.") % {"name": token.name})
    return redirect("api_tokens:list")


def not_found(request: HttpRequest) -> JsonResponse:
    return error_response(404, "not_found", "No such endpoint; see /api/v1/docs.")
