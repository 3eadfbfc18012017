from __future__ import annotations

import pytest
from django.db import connection

from caselog.search import lexical
from caselog.search.models import FeedbackSignal, SearchDocument, SuggestionFeedback, ZeroResultQuery
from caselog.search.queries import SuggestionQuery
from caselog.search.selectors import SuggestionList, suggestion_list, zero_result_query_list
from caselog.search.services import (
    SearchInputError,
    document_delete,
    document_upsert,
    documents_embed,
    suggestion_feedback_record,
    suggestion_gap_record,
)

pytestmark = pytest.mark.django_db


def articles_suggest(text: str, *, log_gaps: bool = False, **kwargs) -> SuggestionList:
    """The one entry point, as the front doors call it (gaps logged only when they ask)."""
    kwargs.setdefault("limit", 10)
    query = SuggestionQuery(text=text, **kwargs)
    suggestions = suggestion_list(query=query)
    if log_gaps:
        suggestion_gap_record(query=query, suggestions=suggestions)
    return suggestions


def keys(text: str, **kwargs) -> list[str]:
    kwargs.setdefault("refine", False)
    return [s.key for s in articles_suggest(text, **kwargs)]


def lexical_keys(text: str, *, locale: str) -> list[str]:
    """Lexical hits only (no vectors involved), to test the analysers in the database."""
    from caselog.search.analysis import analyse_query

    found = lexical.search(
        analyse_query(text, locale),
        where=lexical.LexicalFilter(kind="article", locale=locale, product_group=None),
        limit=10,
    )
    ids = [doc_id for doc_id, _ in found]
    by_id = dict(SearchDocument.objects.filter(id__in=ids).values_list("id", "key"))
    return [by_id[i] for i in ids]


def test_english_stemming_matches_inflected_title(help_center):
    assert lexical_keys("charges ", locale="en") == ["charging-en"]


def test_german_stemming_matches_inflected_title(help_center):
    assert lexical_keys("Ladekabels prüfen ", locale="de") == ["akku-de"]


def test_russian_stemming_matches_inflected_title(help_center):
    assert lexical_keys("батареи разряжаются ", locale="ru") == ["akku-ru"]


def test_prefix_of_the_word_being_typed_matches(help_center):
    assert lexical_keys("passw", locale="en") == ["password-en"]
    assert lexical_keys("батар", locale="ru") == ["akku-ru"]


def test_prefix_matching_ignores_case_and_accents(help_center):
    assert lexical_keys("LÄDT", locale="de") == ["akku-de"]


def test_russian_yo_is_folded_to_ye(db):
    document_upsert(kind="article", key="yo", locale="ru", title="Чёрный экран", body="")
    assert lexical_keys("черный экран ", locale="ru") == ["yo"]


def test_agent_sees_article_for_case_title_first(help_center):
    assert keys("my iphone won't charge", locale="en")[0] == "charging-en"


def test_unpublished_documents_are_never_suggested(help_center):
    assert "draft-en" not in keys("battery recall", locale="en", limit=10)
    assert "draft-en" not in keys("battery recall", locale="en", limit=10, refine=True)


def test_deleted_document_disappears_from_suggestions(help_center):
    document_delete(kind="article", key="password-en")
    assert "password-en" not in keys("password reset", locale="en")
    assert not SearchDocument.objects.filter(key="password-en").exists()


def test_product_group_filter_limits_results(help_center):
    assert keys("password", locale="en", product_group="iphone") != []
    assert set(keys("password", locale="en", product_group="account")) == {"password-en"}


def test_russian_query_finds_russian_article_first(help_center):
    assert keys("батарея садится", locale="ru", refine=True)[0] == "akku-ru"


def test_russian_query_falls_back_to_english_article_marked_as_fallback(help_center):
    suggestions = articles_suggest("забыл пароль от аккаунта", locale="ru", refine=True)
    first = suggestions[0]
    assert first.key == "password-en"
    assert first.is_fallback is True
    native = [s for s in suggestions if s.locale == "ru"]
    assert all(not s.is_fallback for s in native)


def test_snippet_marks_matched_words_and_escapes_html(db):
    document_upsert(
        kind="article",
        key="html",
        locale="en",
        title="Battery <b>tips</b>",
        body="Keep the battery <script>cool</script>.",
    )
    suggestion = articles_suggest("battery ", locale="en", refine=False)[0]
    assert "<mark>battery</mark>" in suggestion.snippet_html
    assert "<script>" not in suggestion.snippet_html
    assert "&lt;b&gt;" in suggestion.title_html


def test_empty_or_punctuation_only_query_returns_nothing(help_center):
    assert articles_suggest("  ?! ", locale="en") == []


def test_upsert_computes_vectors_in_a_task_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        document_upsert(kind="article", key="new", locale="en", title="New article", body="Text")
    assert SearchDocument.objects.get(key="new").vector is None  # nothing heavy inside the transaction
    assert len(callbacks) == 1
    callbacks[0]()  # the test settings run tasks immediately
    document = SearchDocument.objects.get(key="new")
    assert document.vector is not None and document.refine_vector is not None
    assert document.vector_text_hash == document.text_hash


def test_unchanged_text_enqueues_no_new_embedding(db, django_capture_on_commit_callbacks):
    document_upsert(kind="article", key="same", locale="en", title="Same", body="Text")
    assert documents_embed() == 1
    with django_capture_on_commit_callbacks() as callbacks:
        document_upsert(kind="article", key="same", locale="en", title="Same", body="Text", url="/moved/")
    assert callbacks == []


def test_embedding_is_idempotent_for_unchanged_text(db):
    document_upsert(kind="article", key="idem", locale="en", title="Idempotent", body="Text")
    assert documents_embed() == 1
    assert documents_embed() == 0
    document_upsert(kind="article", key="idem", locale="en", title="Idempotent, edited", body="Text")
    assert documents_embed() == 1


def test_unknown_document_kind_is_rejected(db):
    with pytest.raises(SearchInputError):
        document_upsert(kind="recipe", key="x", locale="en", title="x", body="")


def test_feedback_signal_is_stored_and_boosts_document(help_center):
    suggestion_feedback_record(
        key="battery-en", kind="article", query="battery", locale="en", signal=FeedbackSignal.SOLVED_CASE
    )
    feedback = SuggestionFeedback.objects.get()
    assert (feedback.document.key, feedback.signal, feedback.query) == ("battery-en", "solved_case", "battery")
    assert SearchDocument.objects.get(key="battery-en").feedback_score > 0


def test_not_helpful_feedback_lowers_the_boost(help_center):
    suggestion_feedback_record(key="battery-en", kind="article", query="q", locale="en", signal="not_helpful")
    assert SearchDocument.objects.get(key="battery-en").feedback_score < 0


def test_unknown_feedback_signal_is_rejected(help_center):
    with pytest.raises(SearchInputError):
        suggestion_feedback_record(key="battery-en", kind="article", query="q", locale="en", signal="meh")


def test_query_without_good_result_is_logged_as_gap(help_center):
    articles_suggest("quantum teleportation warranty", locale="en", refine=True, log_gaps=True)
    articles_suggest("Quantum teleportation warranty", locale="en", refine=True, log_gaps=True)
    gap = zero_result_query_list(locale="en").get()
    assert (gap.normalised_query, gap.count) == ("quantum teleportation warranty", 2)


def test_query_with_good_result_is_not_logged(help_center):
    articles_suggest("iphone battery drains", locale="en", refine=True, log_gaps=True)
    assert not ZeroResultQuery.objects.exists()


def test_suggestion_list_is_a_pure_read_and_gaps_are_logged_by_the_service(help_center):
    query = SuggestionQuery(text="quantum teleportation warranty", locale="en", refine=True)
    suggestions = suggestion_list(query=query)
    assert suggestions.unanswered and not ZeroResultQuery.objects.exists()
    assert suggestion_gap_record(query=query.replace(refine=False), suggestions=suggestions) is False
    assert suggestion_gap_record(query=query, suggestions=suggestions) is True
    assert ZeroResultQuery.objects.get().count == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="typo tolerance uses pg_trgm")
def test_typo_in_a_word_is_tolerated_on_postgresql(help_center):
    assert lexical.trigram_available()
    from caselog.search.analysis import analyse_query

    found = lexical.search(
        analyse_query("pasword reset ", "en"),
        where=lexical.LexicalFilter(kind="article", locale="en", product_group=None),
        limit=5,
        refined=True,
    )
    assert SearchDocument.objects.get(key="password-en").pk in [doc_id for doc_id, _ in found]
