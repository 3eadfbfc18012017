"""The lexical index stays cheap at scale: one (kind, language) rowid range per query on
SQLite, only published documents, and terms ranked rarest first within a budget of rows."""

from __future__ import annotations

import pytest
from django.db import connection

from caselog.search import lexical
from caselog.search.analysis import analyse_query
from caselog.search.models import SearchDocument
from caselog.search.services import document_delete, document_upsert

pytestmark = pytest.mark.django_db


def _add(key: str, title: str, *, locale: str = "en", published: bool = True, kind: str = "article") -> int:
    document_upsert(kind=kind, key=key, locale=locale, title=title, body="", published=published)
    return SearchDocument.objects.get(kind=kind, key=key).pk


def _found(text: str, *, locale: str = "en", kind: str = "article", refined: bool = False) -> set[int]:
    where = lexical.LexicalFilter(kind=kind, locale=locale, product_group=None)
    return {doc_id for doc_id, _ in lexical.search(analyse_query(text, locale), where=where, limit=50, refined=refined)}


def _fts_rowids() -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM search_fts")
        return {int(row[0]) for row in cursor.fetchall()}


def test_query_reads_only_its_kind_and_language():
    article = _add("screen-en", "Cracked screen repair")
    thread = _add("screen-thread", "Cracked screen repair", kind="thread")
    german = _add("screen-de", "Cracked screen repair", locale="de")
    assert _found("cracked screen ") == {article}
    assert _found("cracked screen ", kind="thread") == {thread}
    assert _found("cracked screen ", locale="de") == {german}


def test_unpublished_document_is_not_in_the_lexical_index_until_published():
    doc_id = _add("recall", "Battery recall notice", published=False)
    assert _found("recall ") == set()
    _add("recall", "Battery recall notice", published=True)
    assert _found("recall ") == {doc_id}


def test_changing_language_moves_the_entry_and_deleting_removes_it():
    doc_id = _add("moving", "Bluetooth pairing fails")
    _add("moving", "Bluetooth pairing fails", locale="de")
    assert _found("bluetooth ") == set()
    assert _found("bluetooth ", locale="de") == {doc_id}
    document_delete(kind="article", key="moving")
    assert _found("bluetooth ", locale="de") == set()
    if connection.vendor == "sqlite":
        assert _fts_rowids() == set()


def test_common_terms_give_way_to_rare_ones_beyond_the_budget(monkeypatch):
    common = [_add(f"battery-{i}", f"Battery health report {i}") for i in range(4)]
    rare = _add("battery-bluetooth", "Bluetooth drains the battery")
    # Everything fits the budget: both words are ranked.
    assert _found("battery bluetooth ") == {*common, rare}
    # Five documents hold "battery", one "bluetooth": with room for two rows only the rare
    # word is ranked.
    monkeypatch.setattr(lexical, "KEYSTROKE_ROW_BUDGET", 2)
    lexical.frequencies_forget()
    assert _found("battery bluetooth ") == {rare}
    # When every word is too common, lexical ranking steps aside (the semantic side answers).
    assert _found("battery ") == set()
    # The refined answer, once typing pauses, has a larger budget.
    assert _found("battery bluetooth ", refined=True) == {*common, rare}


def test_a_prefix_that_starts_too_many_words_is_not_ranked():
    for i in range(lexical.PREFIX_VOCABULARY_SCAN + 2):
        _add(f"word-{i}", f"zq{i:03d}word")
    # More vocabulary words start with "zq" than are read: it counts as matching everything.
    assert _found("zq") == set()
    assert len(_found("zq00")) == 10


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_lexeme_frequencies_follow_updates_and_deletes_on_postgresql():
    def documents(lexeme: str) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT documents FROM search_lexeme WHERE word = %s", [lexeme])
            row = cursor.fetchone()
            return int(row[0]) if row else 0

    _add("a", "Keyboard backlight")
    _add("b", "Keyboard layout")
    assert documents("keyboard") == 2
    _add("b", "Trackpad layout")
    assert documents("keyboard") == 1
    assert documents("trackpad") == 1
    document_delete(kind="article", key="a")
    assert documents("keyboard") == 0


@pytest.mark.django_db(transaction=True)
def test_web_process_builds_its_vector_mirror_before_the_first_keystroke():
    from caselog.search import vectors
    from caselog.search.services import documents_embed

    _add("mirror", "Wi-Fi keeps disconnecting")
    documents_embed()
    vectors.forget_all()
    vectors.warm_up_in_background().join(timeout=120)
    index = vectors._indexes[vectors._database_key()]
    assert len(index) == 1
    assert not index.stale
