"""The suggestion front door: every view that answers a request with suggestions (console,
contact form, help center, community, API) goes through these, so each is rate-limited the
same way, reads through the same `suggestion_list` and logs gaps the same way."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from caselog.core.clients import client_address
from caselog.core.ratelimit import rate_limit_wait

from .forms import FeedbackForm
from .models import SuggestionFeedback
from .queries import SuggestionQuery
from .selectors import SuggestionList, suggestion_list
from .services import suggestion_feedback_record, suggestion_gap_record

RATE_LIMIT_SCOPE = "suggest"
PARTIAL_TEMPLATE = "search/_suggestions.html"
ERROR_TEMPLATE = "search/_suggestions_error.html"


class SuggestionsThrottled(Exception):
    """This client asked for suggestions too often; try again after `retry_after` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def _client_ident(request: HttpRequest) -> str:
    # A signed-in visitor (the contact form, the console) has a budget of their own; others per IP.
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"ip:{client_address(request) or ''}"


def suggestion_rate_limit(request: HttpRequest) -> None:
    """Count one suggestion request of this client; SuggestionsThrottled when over budget.
    The one limit of every suggestion front door."""
    retry_after = rate_limit_wait(
        scope=RATE_LIMIT_SCOPE,
        ident=_client_ident(request),
        limit=settings.SEARCH_SUGGEST_RATE_LIMIT,
        window=settings.SEARCH_SUGGEST_RATE_WINDOW,
    )
    if retry_after:
        raise SuggestionsThrottled(retry_after)


def suggestion_answer(request: HttpRequest, *queries: SuggestionQuery) -> list[SuggestionList]:
    """Rate-limit the request once, read the suggestions of each query, log the gaps."""
    suggestion_rate_limit(request)
    answers = []
    for query in queries:
        suggestions = suggestion_list(query=query)
        suggestion_gap_record(query=query, suggestions=suggestions)
        answers.append(suggestions)
    return answers


class SuggestionFeedbackError(ValueError):
    """Feedback that does not name a known kind, locale or signal (field errors in `fields`)."""

    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__(" ".join(message for messages in fields.values() for message in messages))
        self.fields = fields


def suggestion_feedback(
    request: HttpRequest, *, key: str, kind: str, query: str, locale: str, signal: str, user: Any = None
) -> SuggestionFeedback:
    """The one feedback path of every suggestion list ("this solved my problem" on the contact
    form and in the community, the API): the same rate limit as the suggestions, one
    validation, one record. Raises SuggestionsThrottled, SuggestionFeedbackError, or
    SearchDocument.DoesNotExist for a key that names no document."""
    suggestion_rate_limit(request)
    form = FeedbackForm({"key": key, "kind": kind, "q": query, "locale": locale, "signal": signal})
    if not form.is_valid():
        raise SuggestionFeedbackError({name: [str(e) for e in errors] for name, errors in form.errors.items()})
    data = form.cleaned_data
    return suggestion_feedback_record(
        key=data["key"], kind=data["kind"], query=data["q"], locale=data["locale"], signal=data["signal"], user=user
    )


def suggestions_error(
    request: HttpRequest, message: str, *, status: int, retry_after: int | None = None
) -> HttpResponse:
    response = HttpResponse(render_to_string(ERROR_TEMPLATE, {"message": message}, request=request), status=status)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


def suggestions_throttled(request: HttpRequest, error: SuggestionsThrottled) -> HttpResponse:
    return suggestions_error(request, _("Too many requests."), status=429, retry_after=error.retry_after)


def refine_url(request: HttpRequest) -> str:
    """This same request asking for the refined answer (fetched once typing pauses)."""
    params = request.GET.copy()
    params["refine"] = "1"
    return f"{request.path}?{params.urlencode()}"


def suggestions_render(
    request: HttpRequest,
    query: SuggestionQuery,
    *,
    template: str = PARTIAL_TEMPLATE,
    context: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """Answer an as-you-type request: the suggestions rendered through `template` (the one
    partial, or a page's wrapper that includes it), or 429 when over the rate limit."""
    try:
        (suggestions,) = suggestion_answer(request, query)
    except SuggestionsThrottled as error:
        return suggestions_throttled(request, error)
    full_context = {
        "suggestions": suggestions,
        "query": query.text,
        "refined": query.refine,
        "refine_url": refine_url(request),
        **(context or {}),
    }
    return HttpResponse(render_to_string(template, full_context, request=request))
