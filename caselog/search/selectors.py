"""Reads of the search app. `suggestion_list` is the one suggestion path: the agent
console, the contact form, the help center, the community, the API and the benchmarks
build a SuggestionQuery and call it (through search.doors when they answer a request)."""

from __future__ import annotations

import math
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache

import numpy as np
from django.db import connection
from django.db.models import QuerySet
from django.utils.safestring import SafeString

from . import lexical
from .analysis import AnalysedQuery, analyse_query, detect_language, normalise
from .encoders import Vectors, fast_encoder, refine_encoder
from .models import DocumentKind, SearchDocument, ZeroResultQuery
from .queries import SuggestionQuery
from .snippets import highlight
from .vectors import fast_index

MAX_QUERY_CHARS = 500
LEXICAL_POOL = 60
SEMANTIC_POOL = 60
# A result in another language than the one asked for is shown only as a fallback: it has
# to beat a native result by this margin (fused scores are in [0, 1]).
FALLBACK_PENALTY = 0.15
FEEDBACK_WEIGHT = 0.03
# Snippets built ahead, while the refine encoder runs: the keystroke top ten and a few more.
PRESNIPPET_EXTRA = 5
# Below this fast-encoder cosine, with no word in common, a query counts as unanswered.
GAP_SIMILARITY = 0.45


@dataclass(frozen=True)
class FusionWeights:
    """Weights of the min-max normalised scores. Tuned on the DEV splits only (see
    BENCHMARKS.md); lexical counts only when query and document share a language."""

    lexical: float
    fast: float
    refine: float


# StackFAQ DEV (MRR@10): keystroke lexical 0.2-0.4 is a flat optimum (86.3-86.5); refined
# lexical/fast 0.1 each over E5 94.1; across languages fast 0.1-0.3 with E5 86-90.
SAME_LANGUAGE_KEYSTROKE = FusionWeights(lexical=0.3, fast=0.7, refine=0.0)
SAME_LANGUAGE_REFINED = FusionWeights(lexical=0.15, fast=0.1, refine=0.75)
CROSS_LANGUAGE_KEYSTROKE = FusionWeights(lexical=0.0, fast=1.0, refine=0.0)
CROSS_LANGUAGE_REFINED = FusionWeights(lexical=0.0, fast=0.2, refine=0.8)


@dataclass(frozen=True)
class Suggestion:
    key: str
    kind: str
    title: str
    url: str
    locale: str
    product_group: str
    title_html: SafeString
    snippet_html: SafeString
    score: float
    is_fallback: bool


@cache
def _encoding_pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="search-encode")


def _minmax(scores: dict[int, float]) -> dict[int, float]:
    if not scores:
        return {}
    low, high = min(scores.values()), max(scores.values())
    if high - low < 1e-9:
        return dict.fromkeys(scores, 1.0 if high > 0 else 0.0)
    return {k: (v - low) / (high - low) for k, v in scores.items()}


def _refine_similarities(query: Vectors, blobs: dict[int, bytes | memoryview | None]) -> dict[int, float]:
    known = [(doc_id, blob) for doc_id, blob in blobs.items() if blob and len(blob) == query.size * 2]
    if not known:
        return {}
    # One float16 -> float32 conversion for the whole candidate matrix, not one per row.
    matrix = np.frombuffer(b"".join(bytes(blob) for _, blob in known), dtype=np.float16).reshape(len(known), -1)
    scores = matrix.astype(np.float32) @ query
    return {doc_id: float(s) for (doc_id, _), s in zip(known, scores, strict=True)}


class SuggestionList(list[Suggestion]):
    """The suggestions of one query, best first; `unanswered` says that none of them answers
    it well (the front door then logs the query as a gap: suggestion_gap_record)."""

    unanswered: bool = False


def _answer(suggestions: list[Suggestion], *, unanswered: bool) -> SuggestionList:
    answer = SuggestionList(suggestions)
    answer.unanswered = unanswered
    return answer


def suggestion_list(*, query: SuggestionQuery) -> SuggestionList:
    """Published documents that answer `query.text`, best first, preferring `query.locale`.
    A pure read: every suggestion front door and the benchmarks call it.

    refine=False is the per-keystroke answer (lexical + fast encoder, a few ms);
    refine=True adds the stronger encoder once typing pauses. `keys` restricts the
    answer to those documents (re-ranking a given candidate list). Documents in another
    language come last among equals and are marked is_fallback.
    """
    text, locale, product_group = query.text, query.locale, query.product_group
    limit, kind, refine, keys = query.limit, query.kind, query.refine, query.keys
    text = text.strip()[:MAX_QUERY_CHARS]
    if limit <= 0 or not normalise(text):
        return _answer([], unanswered=False)
    query_locale = detect_language(text, hint=locale)
    analysed = analyse_query(text, query_locale)
    # The stronger encoder needs only the text: it runs beside the database reads below
    # (numpy releases the GIL), which takes its 20-40 ms off the refined answer's wait.
    refine_query: Future[Vectors] | None = _encoding_pool().submit(refine_encoder().query, text) if refine else None

    restrict: list[int] | None = None
    if keys is not None:
        restrict = list(SearchDocument.objects.filter(kind=kind, key__in=list(keys)).values_list("id", flat=True))
        if not restrict:
            if refine_query is not None:
                refine_query.cancel()
            return _answer([], unanswered=False)

    pool = max(LEXICAL_POOL, limit)
    where = lexical.LexicalFilter(kind=kind, locale=query_locale, product_group=product_group, ids=restrict)
    lexical_scores = dict(lexical.search(analysed, where=where, limit=pool, refined=refine))

    query_vector = fast_encoder().query(text)
    index = fast_index()
    if restrict is not None:
        fast_scores = index.similarities(query_vector, restrict)
    else:
        # Over-fetch: the filters (kind, published, group) are applied in the database.
        fast_scores = dict(index.nearest(query_vector, max(SEMANTIC_POOL, limit) * 2))
        missing = [doc_id for doc_id in lexical_scores if doc_id not in fast_scores]
        fast_scores.update(index.similarities(query_vector, missing))

    candidate_ids = set(lexical_scores) | set(fast_scores)
    if not candidate_ids:
        if refine_query is not None:
            refine_query.cancel()
        return _answer([], unanswered=True)
    rows = _candidates(candidate_ids, kind=kind, product_group=product_group, refine=refine)

    refine_scores: dict[int, float] = {}
    snippets: dict[int, _Snippets] = {}
    if refine_query is not None:
        if rows and not refine_query.done():
            # While the stronger encoder is still busy, build the snippets of the documents
            # that lead without it: most of them stay in the refined top ten, and their
            # snippets are then off the refined answer's critical path.
            leading = _fuse(
                rows,
                lexical_scores=lexical_scores,
                fast_scores=fast_scores,
                refine_scores={},
                query_locale=query_locale,
                requested_locale=locale,
                refine=False,
            )[: limit + PRESNIPPET_EXTRA]
            snippets = _snippets([doc_id for doc_id, _ in leading], rows, analysed)
        refine_vector = refine_query.result()
        if rows:
            refine_scores = _refine_similarities(refine_vector, {doc_id: row[6] for doc_id, row in rows.items()})

    ranked = _fuse(
        rows,
        lexical_scores=lexical_scores,
        fast_scores=fast_scores,
        refine_scores=refine_scores,
        query_locale=query_locale,
        requested_locale=locale,
        refine=refine,
    )[:limit]
    unanswered = _is_gap(ranked, lexical_scores, fast_scores)
    missing = [doc_id for doc_id, _ in ranked if doc_id not in snippets]
    snippets.update(_snippets(missing, rows, analysed))
    return _answer(_suggestions(ranked, rows, snippets, requested_locale=locale), unanswered=unanswered)


# (key, kind, title, url, locale, product_group, refine_vector | None, feedback_score)
_Row = tuple[str, str, str, str, str, str, bytes | memoryview | None, float]


_CANDIDATE_COLUMNS = "id, key, kind, title, url, locale, product_group, feedback_score, published"


def _candidates(ids: set[int], *, kind: str, product_group: str | None, refine: bool) -> dict[int, _Row]:
    if not ids:
        return {}
    # Read by primary key and filter here: with `kind`/`published` in the WHERE clause,
    # SQLite's planner prefers the (kind, locale, published) index and walks every article.
    # Plain SQL: this runs on every keystroke for ~150 rows, and the ORM's query building and
    # field converters cost as much as the read itself.
    columns = _CANDIDATE_COLUMNS + (", refine_vector" if refine else "")
    marks = ", ".join(["%s"] * len(ids))
    table = SearchDocument._meta.db_table
    rows: dict[int, _Row] = {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {table} WHERE id IN ({marks})", list(ids))  # noqa: S608
        for values in cursor.fetchall():
            doc_id, key, kind_, title, url, doc_locale, group, feedback, published = values[:9]
            if kind_ != kind or not published or (product_group is not None and group != product_group):
                continue
            refine_blob = values[9] if refine else None
            rows[int(doc_id)] = (key, kind_, title, url, doc_locale, group, refine_blob, float(feedback))
    return rows


def _fuse(
    rows: dict[int, _Row],
    *,
    lexical_scores: dict[int, float],
    fast_scores: dict[int, float],
    refine_scores: dict[int, float],
    query_locale: str,
    requested_locale: str,
    refine: bool,
    weights: tuple[FusionWeights, FusionWeights] | None = None,
) -> list[tuple[int, float]]:
    lex = _minmax({k: v for k, v in lexical_scores.items() if k in rows})
    fast = _minmax({k: v for k, v in fast_scores.items() if k in rows})
    slow = _minmax(refine_scores)
    if weights is not None:
        same, cross = weights
    else:
        same = SAME_LANGUAGE_REFINED if refine and slow else SAME_LANGUAGE_KEYSTROKE
        cross = CROSS_LANGUAGE_REFINED if refine and slow else CROSS_LANGUAGE_KEYSTROKE
    scored: list[tuple[int, float]] = []
    for doc_id, row in rows.items():
        doc_locale, feedback = row[4], row[7]
        w = same if doc_locale == query_locale else cross
        score = w.lexical * lex.get(doc_id, 0.0) + w.fast * fast.get(doc_id, 0.0) + w.refine * slow.get(doc_id, 0.0)
        score += FEEDBACK_WEIGHT * math.tanh(feedback)
        if doc_locale != requested_locale:
            score -= FALLBACK_PENALTY
        scored.append((doc_id, score))
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored


def _is_gap(ranked: list[tuple[int, float]], lexical_scores: dict[int, float], fast_scores: dict[int, float]) -> bool:
    if not ranked:
        return True
    top = ranked[0][0]
    return top not in lexical_scores and fast_scores.get(top, 0.0) < GAP_SIMILARITY


# (title_html, snippet_html) of one document for one query.
_Snippets = tuple[SafeString, SafeString]


def _snippets(ids: list[int], rows: dict[int, _Row], query: AnalysedQuery) -> dict[int, _Snippets]:
    if not ids:
        return {}
    marks = ", ".join(["%s"] * len(ids))
    table = SearchDocument._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, body FROM {table} WHERE id IN ({marks})", ids)  # noqa: S608
        bodies = {int(doc_id): body for doc_id, body in cursor.fetchall()}
    built: dict[int, _Snippets] = {}
    for doc_id in ids:
        title, doc_locale = rows[doc_id][2], rows[doc_id][4]
        built[doc_id] = (
            highlight(title, query, doc_locale, max_words=None),
            highlight(bodies.get(doc_id, ""), query, doc_locale),
        )
    return built


def _suggestions(
    ranked: list[tuple[int, float]], rows: dict[int, _Row], snippets: dict[int, _Snippets], *, requested_locale: str
) -> list[Suggestion]:
    suggestions = []
    for doc_id, score in ranked:
        key, kind, title, url, doc_locale, group, _blob, _feedback = rows[doc_id]
        title_html, snippet_html = snippets[doc_id]
        suggestions.append(
            Suggestion(
                key=key,
                kind=kind,
                title=title,
                url=url,
                locale=doc_locale,
                product_group=group,
                title_html=title_html,
                snippet_html=snippet_html,
                score=round(score, 6),
                is_fallback=doc_locale != requested_locale,
            )
        )
    return suggestions


def zero_result_query_list(
    *, locale: str | None = None, kind: str = DocumentKind.ARTICLE, limit: int = 100
) -> QuerySet[ZeroResultQuery]:
    """Queries that found no good answer, most frequent first: gaps in the knowledge base."""
    queryset = ZeroResultQuery.objects.filter(kind=kind)
    if locale:
        queryset = queryset.filter(locale=locale)
    return queryset.order_by("-count", "-last_seen_at")[:limit]
