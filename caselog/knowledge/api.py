"""Published help-center articles over the API, and the suggestion search the contact form uses.
Published articles are public, so these need no token; anonymous callers are rate-limited per IP."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import Throttled

from caselog.core.clients import client_address
from caselog.core.ratelimit import rate_limit_wait
from caselog.core.rest import ERRORS, ApiError
from caselog.knowledge import selectors as knowledge
from caselog.knowledge.models import Article
from caselog.search.doors import SuggestionFeedbackError, SuggestionsThrottled, suggestion_answer, suggestion_feedback
from caselog.search.models import FeedbackSignal, SearchDocument
from caselog.search.queries import SuggestionQueryError, suggestion_query_from

# The operation ids clients were generated with (they name the module these endpoints were first in).
router = Router(tags=["articles"])

CURSOR_SALT = "caselog.api.articles.cursor"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
ARTICLE_ERRORS = {**ERRORS, 429: ERRORS[422]}


class ArticleOut(Schema):
    slug: str
    title: str
    locale: str = Field(..., description="The language of this translation")
    is_fallback: bool = Field(..., description="True when the asked language is not published and this one is")
    product_group: str
    topic: str | None
    url: str
    published_at: datetime | None


class ArticleDetailOut(ArticleOut):
    body: str = Field(..., description="Markdown")


class ArticlePage(Schema):
    items: list[ArticleOut]
    next_cursor: str | None


class ArticleFilters(Schema):
    locale: str = "en"
    product_group: str = Field("", max_length=100)
    cursor: str = ""
    limit: int = Field(50, ge=1, le=200)


class SuggestionOut(Schema):
    key: str
    kind: str
    title: str
    url: str
    locale: str
    product_group: str
    snippet_html: str
    score: float
    is_fallback: bool


class SuggestOut(Schema):
    query: str
    locale: str
    refined: bool
    results: list[SuggestionOut]


def _limit_anonymous(request: HttpRequest) -> None:
    retry_after = rate_limit_wait(
        scope="api-public",
        # A signed-in visitor (the contact form, the console) has a budget of their own; others per IP.
        ident=f"user:{request.user.pk}" if request.user.is_authenticated else f"ip:{client_address(request) or ''}",
        limit=settings.API_PUBLIC_RATE_LIMIT,
        window=timedelta(minutes=1),
    )
    if retry_after:
        raise Throttled(wait=retry_after)


def _locale(locale: str) -> str:
    if locale not in LANGUAGES:
        raise ApiError(422, "invalid", "Unknown language.", {"locale": [f"one of {', '.join(LANGUAGES)}"]})
    return locale


def _article_out(article: Article, locale: str, *, body: bool = False) -> dict[str, Any] | None:
    translation = knowledge.article_translation_for_locale(article=article, locale=locale)
    if translation is None:
        return None
    out: dict[str, Any] = {
        "slug": article.slug,
        "title": translation.title,
        "locale": translation.locale,
        "is_fallback": translation.locale != locale,
        "product_group": article.product_group.slug,
        "topic": article.topic.slug if article.topic else None,
        "url": knowledge.article_url(article=article, locale=translation.locale, absolute=True),
        "published_at": translation.published_at,
    }
    if body:
        out["body"] = translation.body
    return out


@router.get(
    "/articles",
    response={200: ArticlePage, **ARTICLE_ERRORS},
    auth=None,
    summary="Published articles",
    operation_id="caselog_api_articles_article_list",
)
def article_list(request: HttpRequest, filters: Query[ArticleFilters]) -> dict[str, Any]:
    _limit_anonymous(request)
    locale = _locale(filters.locale)
    after = ""
    if filters.cursor:
        try:
            after = str(signing.loads(filters.cursor, salt=CURSOR_SALT))
        except signing.BadSignature as error:
            raise ApiError(400, "bad_cursor", "This cursor is not valid.", {"cursor": ["not valid"]}) from error
    articles = knowledge.article_list_published().select_related("product_group", "topic").filter(slug__gt=after)
    if filters.product_group:
        articles = articles.filter(product_group__slug=filters.product_group)
    page = list(articles[: filters.limit + 1])
    more = len(page) > filters.limit
    page = page[: filters.limit]
    items = [out for article in page if (out := _article_out(article, locale)) is not None]
    return {"items": items, "next_cursor": signing.dumps(page[-1].slug, salt=CURSOR_SALT) if more else None}


class SuggestParams(Schema):
    q: str = Field("", description="The question, a few words")
    locale: str = Field("", description="en, de or ru; default the request's language (Accept-Language), else en")
    product_group: str = Field("", description="A product group slug")
    kind: str = Field("", description="article (default) or another document kind")
    limit: int | None = Field(None, description="How many results (default 8)")
    refine: bool | None = Field(None, description="false (or 0) for the fast first ranking only")


@router.get(
    "/articles/suggest",
    response={200: SuggestOut, **ARTICLE_ERRORS},
    auth=None,
    summary="Articles that answer a question, best first (what the contact form suggests)",
    operation_id="caselog_api_articles_article_suggest",
)
def article_suggest(request: HttpRequest, params: Query[SuggestParams]) -> dict[str, Any]:
    # `params` documents the query; the one suggestion query constructor validates it, as in the UI.
    # The API answers once per request: the refined ranking unless asked for the fast one.
    try:
        query = suggestion_query_from(request.GET, strict=True, refine_default=True)
        (suggestions,) = suggestion_answer(request, query)
    except SuggestionQueryError as error:
        raise ApiError(422, "invalid", "The query is not valid.", error.fields) from error
    except SuggestionsThrottled as error:
        raise Throttled(wait=error.retry_after) from error
    return {
        "query": query.text,
        "locale": query.locale,
        "refined": query.refine,
        "results": [
            {
                "key": s.key,
                "kind": s.kind,
                "title": s.title,
                "url": s.url,
                "locale": s.locale,
                "product_group": s.product_group,
                "snippet_html": str(s.snippet_html),
                "score": s.score,
                "is_fallback": s.is_fallback,
            }
            for s in suggestions
        ],
    }


class FeedbackIn(Schema):
    key: str = Field(..., description="The suggestion's `key`")
    kind: str = Field("article", description="The suggestion's `kind`")
    q: str = Field("", description="The question the suggestion answered")
    locale: str = Field(..., description="en, de or ru")
    signal: str = Field(..., description=f"One of {', '.join(FeedbackSignal.values)}")


@router.post(
    "/articles/suggest/feedback",
    response={204: None, **ARTICLE_ERRORS},
    auth=None,
    summary="Say that a suggestion helped (or did not); it nudges that document's ranking a little",
    operation_id="caselog_api_articles_article_suggest_feedback",
)
def article_suggest_feedback(request: HttpRequest, payload: FeedbackIn) -> tuple[int, None]:
    try:
        # Anonymous on purpose: this endpoint has no CSRF check, so a browser session's user is not
        # attributed (another site could post in their name).
        suggestion_feedback(
            request, key=payload.key, kind=payload.kind, query=payload.q, locale=payload.locale, signal=payload.signal
        )
    except SuggestionsThrottled as error:
        raise Throttled(wait=error.retry_after) from error
    except SuggestionFeedbackError as error:
        raise ApiError(422, "invalid", "The feedback is not valid.", error.fields) from error
    except SearchDocument.DoesNotExist as error:
        raise ApiError(404, "not_found", "No suggestion has this key.", {"key": ["unknown"]}) from error
    return 204, None


@router.get(
    "/articles/{slug}",
    response={200: ArticleDetailOut, **ARTICLE_ERRORS},
    auth=None,
    summary="A published article in a language (another published one if that is missing)",
    operation_id="caselog_api_articles_article_get",
)
def article_get(request: HttpRequest, slug: str, locale: str = "en") -> dict[str, Any]:
    _limit_anonymous(request)
    article = knowledge.article_for_visitor(slug=slug)
    out = _article_out(article, _locale(locale), body=True)
    if out is None:
        raise ApiError(404, "not_found", "Not found.")
    return out
