"""Writes of the search app: the document index, its vectors, feedback and gaps."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import lexical, vectors
from .analysis import normalise
from .encoders import REFINE_TEXT_CHARS, embedding_text, encode_passages_cached, fast_encoder, refine_encoder, text_hash
from .models import DocumentKind, FeedbackSignal, SearchDocument, SuggestionFeedback, ZeroResultQuery
from .queries import SuggestionQuery
from .selectors import SuggestionList

EMBED_BATCH = 64
FEEDBACK_SIGNAL_WEIGHTS = {
    FeedbackSignal.SOLVED_CASE: 1.0,
    FeedbackSignal.DEFLECTED: 1.0,
    FeedbackSignal.HELPFUL: 0.5,
    FeedbackSignal.NOT_HELPFUL: -0.5,
}
MAX_LOGGED_QUERY_CHARS = 300


class SearchInputError(ValueError):
    """Invalid arguments to a search service (unknown kind, signal, ...)."""


@dataclass(frozen=True)
class DocumentInput:
    kind: str
    key: str
    locale: str
    title: str
    body: str
    product_group: str = ""
    url: str = ""
    published: bool = True


def _check_kind(kind: str) -> None:
    if kind not in DocumentKind.values:
        raise SearchInputError(_("Unknown document kind: %(kind)s") % {"kind": kind})


def _index_row(doc: SearchDocument) -> lexical.IndexRow:
    return lexical.IndexRow(
        id=doc.pk,
        kind=doc.kind,
        locale=doc.locale,
        product_group=doc.product_group,
        title=doc.title,
        body=doc.body,
        published=doc.published,
    )


def _enqueue_embedding(ids: list[int]) -> None:
    from .tasks import SEARCH_QUEUE, documents_embed_task

    # The dedicated queue when the configured backend has it, else the default one.
    queues = documents_embed_task.get_backend().queues
    task = (
        documents_embed_task
        if not queues or SEARCH_QUEUE in queues
        else documents_embed_task.using(queue_name="default")
    )
    for start in range(0, len(ids), EMBED_BATCH):
        task.enqueue(document_ids=ids[start : start + EMBED_BATCH])


def document_upsert(
    *,
    kind: str,
    key: str,
    locale: str,
    title: str,
    body: str,
    product_group: str = "",
    url: str = "",
    published: bool = True,
) -> None:
    """Index or refresh one document. The lexical index is updated in this transaction; the
    vectors are computed by a background task enqueued on commit (only if the text changed)."""
    documents_upsert_many(
        [
            DocumentInput(
                kind=kind,
                key=key,
                locale=locale,
                title=title,
                body=body,
                product_group=product_group,
                url=url,
                published=published,
            )
        ]
    )


def documents_upsert_many(documents: Iterable[DocumentInput], *, embed: bool = True) -> list[int]:
    """Bulk form of document_upsert (re-indexing, benchmarks); returns the document ids.
    With embed=False the caller computes vectors itself (documents_embed)."""
    items = list(documents)
    for item in items:
        _check_kind(item.kind)
    changed: list[int] = []
    ids: list[int] = []
    with transaction.atomic():
        existing = {
            (d.kind, d.key): d
            for d in SearchDocument.objects.filter(
                Q(kind__in={i.kind for i in items}) & Q(key__in={i.key for i in items})
            )
        }
        fresh: list[SearchDocument] = []
        updated: list[SearchDocument] = []
        for item in items:
            fields: dict[str, Any] = {
                "locale": item.locale,
                "title": item.title[:500],
                "body": item.body,
                "product_group": item.product_group,
                "url": item.url,
                "published": item.published,
                "text_hash": text_hash(embedding_text(item.title, item.body)),
            }
            doc = existing.get((item.kind, item.key))
            if doc is None:
                fresh.append(SearchDocument(kind=item.kind, key=item.key, **fields))
            else:
                for name, value in fields.items():
                    setattr(doc, name, value)
                updated.append(doc)
        if fresh:
            SearchDocument.objects.bulk_create(fresh, batch_size=1000)
            # SQLite >= 3.35 and PostgreSQL return the new primary keys from bulk_create.
            assert all(d.pk is not None for d in fresh)
        if updated:
            SearchDocument.objects.bulk_update(
                updated,
                ["locale", "title", "body", "product_group", "url", "published", "text_hash", "updated_at"],
                batch_size=1000,
            )
        docs = fresh + updated
        lexical.index_write([_index_row(d) for d in docs])
        for doc in docs:
            ids.append(doc.pk)
            if doc.vector_text_hash != doc.text_hash:
                changed.append(doc.pk)
        if embed and changed:
            transaction.on_commit(lambda: _enqueue_embedding(changed))
    return ids


def document_delete(*, kind: str, key: str) -> None:
    """Remove a document from the index (no error if it was not indexed)."""
    with transaction.atomic():
        ids = list(SearchDocument.objects.filter(kind=kind, key=key).values_list("id", flat=True))
        lexical.index_delete(ids)
        SearchDocument.objects.filter(id__in=ids).delete()


def documents_embed(*, ids: Sequence[int] | None = None, refine: bool = True, batch_size: int = EMBED_BATCH) -> int:
    """Compute and store the vectors of documents whose text changed since they were last
    embedded. Safe to run twice or concurrently: the text hash decides what is stale."""
    pending = SearchDocument.objects.exclude(vector_text_hash=F("text_hash"))
    if ids is not None:
        pending = pending.filter(id__in=list(ids))
    done = 0
    pending_ids = list(pending.order_by("id").values_list("id", flat=True))
    for start in range(0, len(pending_ids), batch_size):
        batch = list(SearchDocument.objects.filter(id__in=pending_ids[start : start + batch_size]).order_by("id"))
        texts = [embedding_text(d.title, d.body) for d in batch]
        fast = encode_passages_cached(fast_encoder(), texts)
        slow: list[bytes | None] = [None] * len(batch)
        if refine:
            short = [embedding_text(d.title, d.body, max_chars=REFINE_TEXT_CHARS) for d in batch]
            slow = list(encode_passages_cached(refine_encoder(), short))
        now = timezone.now()
        with transaction.atomic():
            for doc, text, fast_vector, refine_vector in zip(batch, texts, fast, slow, strict=True):
                updated = SearchDocument.objects.filter(pk=doc.pk, text_hash=text_hash(text)).update(
                    vector=fast_vector,
                    vector_model=fast_encoder().name,
                    refine_vector=refine_vector,
                    refine_vector_model=refine_encoder().name if refine else "",
                    vector_text_hash=text_hash(text),
                    vector_updated_at=now,
                )
                done += updated
    if done:
        vectors.mark_stale()
    return done


def suggestion_feedback_record(
    *, key: str, kind: str, query: str, locale: str, signal: str, user: Any = None
) -> SuggestionFeedback:
    """Store that a suggested document solved (or did not solve) a problem; it nudges the
    document's ranking a little for everyone."""
    if signal not in FeedbackSignal.values:
        raise SearchInputError(_("Unknown feedback signal: %(signal)s") % {"signal": signal})
    _check_kind(kind)
    with transaction.atomic():
        document = SearchDocument.objects.select_for_update().get(kind=kind, key=key)
        feedback = SuggestionFeedback.objects.create(
            document=document,
            query=query[:MAX_LOGGED_QUERY_CHARS],
            locale=locale[:8],
            signal=signal,
            user=user if user is not None and getattr(user, "is_authenticated", False) else None,
        )
        total = sum(
            FEEDBACK_SIGNAL_WEIGHTS[FeedbackSignal(s)]
            for s in SuggestionFeedback.objects.filter(document=document).values_list("signal", flat=True)
        )
        document.feedback_score = math.copysign(math.log1p(abs(total)), total)
        document.save(update_fields=["feedback_score"])
    return feedback


def suggestion_gap_record(*, query: SuggestionQuery, suggestions: SuggestionList) -> bool:
    """Log the query as a gap in the knowledge base when its refined answer found nothing
    good (a keystroke answer is a half-typed word, not a question). True if logged."""
    if not query.refine or not suggestions.unanswered:
        return False
    zero_result_query_record(text=query.text, locale=query.locale, kind=query.kind)
    return True


def zero_result_query_record(*, text: str, locale: str, kind: str = DocumentKind.ARTICLE) -> None:
    """Count a query that found no good answer, for the knowledge-base editors."""
    normalised = normalise(text)[:MAX_LOGGED_QUERY_CHARS]
    if not normalised:
        return
    with transaction.atomic():
        entry, created = ZeroResultQuery.objects.get_or_create(
            kind=kind,
            locale=locale[:8],
            normalised_query=normalised,
            defaults={"sample_query": text.strip()[:MAX_LOGGED_QUERY_CHARS]},
        )
        if not created:
            ZeroResultQuery.objects.filter(pk=entry.pk).update(count=F("count") + 1, last_seen_at=timezone.now())
