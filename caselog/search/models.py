"""A generic document index. Higher apps (knowledge, community) push their documents here
through `services.document_upsert`; nothing here knows what an article or a thread is."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    ARTICLE = "article", _("Article")
    THREAD = "thread", _("Community thread")


class SearchDocument(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=DocumentKind.choices)
    key = models.CharField(_("key"), max_length=200)
    locale = models.CharField(_("language"), max_length=8)
    product_group = models.CharField(_("product group"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("body"), blank=True)
    url = models.CharField(_("URL"), max_length=500, blank=True)
    published = models.BooleanField(_("published"), default=True)
    # The text that was embedded, hashed: the embedding task skips documents whose text
    # has not changed, which makes it idempotent and cheap to re-run.
    text_hash = models.CharField(max_length=64, blank=True)
    vector = models.BinaryField(null=True, blank=True)
    vector_model = models.CharField(max_length=64, blank=True)
    refine_vector = models.BinaryField(null=True, blank=True)
    refine_vector_model = models.CharField(max_length=64, blank=True)
    vector_text_hash = models.CharField(max_length=64, blank=True)
    vector_updated_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Mild ranking boost learnt from "solved"/"helpful" signals, kept denormalised so that
    # suggest() reads it with the candidates instead of aggregating feedback per keystroke.
    feedback_score = models.FloatField(default=0.0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="search_document_kind_key_unique")]
        indexes = [models.Index(fields=["kind", "locale", "published"], name="search_doc_kind_locale_pub")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


class LexicalEntry(models.Model):
    """PostgreSQL's lexical index: one narrow row per published document, holding the
    tsvector and the filters, so ranking the matches reads small rows instead of whole
    documents (GIN index and lexeme frequencies: migration 0003). SQLite uses FTS5 instead
    and leaves this table empty."""

    document = models.OneToOneField(SearchDocument, primary_key=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=DocumentKind.choices)
    locale = models.CharField(max_length=8)
    product_group = models.CharField(max_length=100, blank=True)
    tsv = SearchVectorField(null=True)

    class Meta:
        db_table = "search_lexical"

    def __str__(self) -> str:
        return f"lexical:{self.document_id}"


class FeedbackSignal(models.TextChoices):
    SOLVED_CASE = "solved_case", _("Solved the case")
    HELPFUL = "helpful", _("Helpful")
    NOT_HELPFUL = "not_helpful", _("Not helpful")
    DEFLECTED = "deflected", _("Solved the request without a case")


class SuggestionFeedback(models.Model):
    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="feedback")
    query = models.CharField(_("query"), max_length=500)
    locale = models.CharField(_("language"), max_length=8)
    signal = models.CharField(_("signal"), max_length=16, choices=FeedbackSignal.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(signal__in=FeedbackSignal.values), name="search_feedback_signal_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.signal} {self.document_id}"


class ZeroResultQuery(models.Model):
    """A query (normalised) that found no good answer: a gap in the knowledge base."""

    kind = models.CharField(max_length=16, choices=DocumentKind.choices, default=DocumentKind.ARTICLE)
    locale = models.CharField(_("language"), max_length=8)
    normalised_query = models.CharField(_("query"), max_length=300)
    sample_query = models.CharField(_("example"), max_length=300)
    count = models.PositiveIntegerField(_("times"), default=1)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "locale", "normalised_query"], name="search_zero_result_query_unique"
            )
        ]

    def __str__(self) -> str:
        return self.normalised_query


class SearchTerm(models.Model):
    """Vocabulary of the indexed documents, used on PostgreSQL for typo tolerance (pg_trgm)."""

    word = models.CharField(max_length=100, unique=True)

    def __str__(self) -> str:
        return self.word
