from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from caselog.core.decorators import permission_required_or_404

from .analysis import SUPPORTED_LOCALES
from .doors import suggestions_error, suggestions_render
from .queries import SuggestionQueryError, suggestion_query_from
from .selectors import zero_result_query_list


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
    """The `<ul>` fragment the help-center search box loads with hx-get. A keystroke
    answer carries a trigger that fetches the refined answer once typing pauses."""
    if not request.GET.get("q", "").strip():
        return render(request, "search/_suggestions.html", {"suggestions": [], "query": ""})
    try:
        query = suggestion_query_from(request.GET, strict=True)
    except SuggestionQueryError as error:
        return suggestions_error(request, str(error), status=400)
    return suggestions_render(request, query, context={"list_attrs": "data-search-suggestions"})


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
