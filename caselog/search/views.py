from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from caselog.core.clients import client_address
from caselog.core.decorators import permission_required_or_404
from caselog.core.ratelimit import rate_limit_wait

from .analysis import SUPPORTED_LOCALES
from .forms import SuggestForm
from .models import DocumentKind
from .selectors import Suggestion, articles_suggest, zero_result_query_list

DEFAULT_LIMIT = 8


def _client_ident(request: HttpRequest) -> str:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"ip:{client_address(request) or ''}"


def _rate_limited(request: HttpRequest, scope: str) -> int:
    return rate_limit_wait(
        scope=scope,
        ident=_client_ident(request),
        limit=settings.SEARCH_SUGGEST_RATE_LIMIT,
        window=settings.SEARCH_SUGGEST_RATE_WINDOW,
    )


def _suggest_form(request: HttpRequest) -> SuggestForm:
    data = request.GET.copy()
    if not data.get("locale"):
        language = (get_language() or "en")[:2]
        data["locale"] = language if language in SUPPORTED_LOCALES else "en"
    return SuggestForm(data)


def _run(form: SuggestForm, *, refine: bool, log_gaps: bool) -> list[Suggestion]:
    data = form.cleaned_data
    return articles_suggest(
        data["q"],
        locale=data["locale"],
        product_group=data["product_group"] or None,
        limit=data["limit"] or DEFAULT_LIMIT,
        kind=data["kind"] or DocumentKind.ARTICLE,
        refine=refine,
        log_gaps=log_gaps,
    )


def _moved_to_api(request: HttpRequest, name: str) -> HttpResponse:
    """308 Permanent Redirect to an API operation: the client repeats the same method, body and query."""
    url = reverse(name)
    if request.META.get("QUERY_STRING"):
        url = f"{url}?{request.META['QUERY_STRING']}"
    return redirect(url, permanent=True, preserve_request=True)


def api_suggest_moved(request: HttpRequest) -> HttpResponse:
    """The suggestions' JSON lives in the API now: `GET /api/v1/articles/suggest`. The old address
    answers 308 (method and query kept), so an integrator's old URL keeps working."""
    return _moved_to_api(request, "api:article_suggest")


@require_GET
def suggest_partial(request: HttpRequest) -> HttpResponse:
    """The `<ul>` fragment the console and the contact form load with hx-get. A keystroke
    answer carries a trigger that fetches the refined answer once typing pauses."""
    retry_after = _rate_limited(request, "partial")
    if retry_after:
        response = render(request, "search/_suggestions_error.html", {"message": _("Too many requests.")}, status=429)
        response["Retry-After"] = str(retry_after)
        return response
    if not request.GET.get("q", "").strip():
        return render(request, "search/_suggestions.html", {"suggestions": [], "query": ""})
    form = _suggest_form(request)
    if not form.is_valid():
        message = " ".join(str(e) for errs in form.errors.values() for e in errs)
        return render(request, "search/_suggestions_error.html", {"message": message}, status=400)
    refine = form.cleaned_data["refine"]
    refine_params = request.GET.copy()
    refine_params["refine"] = "1"
    context = {
        "suggestions": _run(form, refine=refine, log_gaps=refine),
        "query": form.cleaned_data["q"],
        "refined": refine,
        "refine_params": refine_params.urlencode(),
    }
    return render(request, "search/_suggestions.html", context)


def feedback_moved(request: HttpRequest) -> HttpResponse:
    """Suggestion feedback is an API call now: `POST /api/v1/articles/suggest/feedback` with a JSON
    body. The old address answers 308, so the client re-sends the same request there."""
    return _moved_to_api(request, "api:article_suggest_feedback")


@permission_required_or_404("knowledge.edit_article")
def gaps(request: HttpRequest) -> HttpResponse:
    locale = request.GET.get("locale") or None
    if locale not in (None, *SUPPORTED_LOCALES):
        locale = None
    context = {"queries": zero_result_query_list(locale=locale), "locale": locale, "locales": SUPPORTED_LOCALES}
    return render(request, "search/gaps.html", context)
