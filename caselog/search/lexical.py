"""The lexical index in the database the product already runs on.

SQLite: an FTS5 table (migration 0002) holding Python-computed Snowball stems plus raw
normalised tokens for the word being typed; BM25 ranking is FTS5's own.
PostgreSQL: a `tsv` column (title weight A, body C in the language's own configuration;
raw 'simple' tokens B/D for prefixes) with a GIN index, ranked by ts_rank, and pg_trgm
over the vocabulary for typo tolerance.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from .analysis import AnalysedQuery, analyse_document_text, fold, is_stop_word, normalise, tokens

PG_CONFIGS = {"en": "english", "de": "german", "ru": "russian"}
# FTS5 bm25() column weights: stemmed title, stemmed body, raw title, raw body, facets.
SQLITE_BM25_WEIGHTS = (3.0, 1.0, 1.5, 0.5, 0.0)
TYPO_MIN_WORD_CHARS = 4
TYPO_SIMILARITY = 0.45


@dataclass(frozen=True)
class IndexRow:
    id: int
    kind: str
    locale: str
    product_group: str
    title: str
    body: str
    published: bool


def _facet(prefix: str, value: str) -> str:
    return prefix + hashlib.sha1(value.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]


def _facets(row: IndexRow) -> str:
    parts = [_facet("k", row.kind), _facet("l", row.locale), _facet("g", row.product_group)]
    parts.append("pubyes" if row.published else "pubno")
    return " ".join(parts)


def index_write(rows: Sequence[IndexRow]) -> None:
    """Insert or replace the lexical entries of these documents."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        _pg_write(rows)
    else:
        _sqlite_write(rows)


def index_delete(ids: Collection[int]) -> None:
    if not ids or connection.vendor != "sqlite":
        return  # on PostgreSQL the tsv column goes with its row
    with connection.cursor() as cursor:
        cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(i,) for i in ids])


def _sqlite_write(rows: Sequence[IndexRow]) -> None:
    values = []
    for row in rows:
        title = analyse_document_text(row.title, row.locale)
        body = analyse_document_text(row.body, row.locale)
        values.append((row.id, title.stemmed, body.stemmed, title.raw, body.raw, _facets(row)))
    with connection.cursor() as cursor:
        cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(v[0],) for v in values])
        cursor.executemany(
            "INSERT INTO search_fts (rowid, title, body, title_raw, body_raw, facets) VALUES (%s, %s, %s, %s, %s, %s)",
            values,
        )


def _pg_write(rows: Sequence[IndexRow]) -> None:
    values = []
    vocabulary: set[str] = set()
    for row in rows:
        config = PG_CONFIGS.get(row.locale, "simple")
        raw_title, raw_body = normalise(row.title), normalise(row.body)
        values.append((config, fold(row.title), config, fold(row.body), raw_title, raw_body, row.id))
        vocabulary.update(w for w in raw_title.split() if len(w) >= TYPO_MIN_WORD_CHARS and len(w) <= 100)
    with connection.cursor() as cursor:
        cursor.executemany(
            """UPDATE search_searchdocument SET tsv =
                 setweight(to_tsvector(%s::regconfig, %s), 'A') || setweight(to_tsvector(%s::regconfig, %s), 'C')
                 || setweight(to_tsvector('simple', %s), 'B') || setweight(to_tsvector('simple', %s), 'D')
               WHERE id = %s""",
            values,
        )
        if vocabulary and trigram_available():
            cursor.executemany(
                "INSERT INTO search_searchterm (word) VALUES (%s) ON CONFLICT (word) DO NOTHING",
                [(w,) for w in sorted(vocabulary)],
            )


_trigram_state: dict[str, bool] = {}


def trigram_available() -> bool:
    if connection.vendor != "postgresql":
        return False
    name = str(connection.settings_dict.get("NAME"))
    if name not in _trigram_state:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            _trigram_state[name] = cursor.fetchone() is not None
    return _trigram_state[name]


@dataclass(frozen=True)
class LexicalFilter:
    kind: str
    locale: str
    product_group: str | None
    ids: Collection[int] | None = None


def search(
    query: AnalysedQuery, *, where: LexicalFilter, limit: int, typo_tolerant: bool = False
) -> list[tuple[int, float]]:
    """(document id, score) best first; higher scores are better."""
    if query.is_empty or limit <= 0:
        return []
    if connection.vendor == "postgresql":
        return _pg_search(query, where=where, limit=limit, typo_tolerant=typo_tolerant)
    return _sqlite_search(query, where=where, limit=limit)


def _sqlite_match(query: AnalysedQuery, where: LexicalFilter) -> str:
    alternatives: list[str] = []
    if query.stems:
        alternatives.append("{title body} : (" + " OR ".join(f'"{s}"' for s in query.stems) + ")")
    if query.prefix_raw:
        alternatives.append(f'{{title_raw body_raw}} : "{query.prefix_raw}" *')
        if query.prefix_stem and query.prefix_stem != query.prefix_raw:
            alternatives.append(f'{{title body}} : "{query.prefix_stem}" *')
    facets = [_facet("k", where.kind), _facet("l", where.locale), "pubyes"]
    if where.product_group is not None:
        facets.append(_facet("g", where.product_group))
    return "facets : (" + " AND ".join(facets) + ") AND (" + " OR ".join(alternatives) + ")"


def _sqlite_search(query: AnalysedQuery, *, where: LexicalFilter, limit: int) -> list[tuple[int, float]]:
    weights = ", ".join(str(w) for w in SQLITE_BM25_WEIGHTS)
    sql = f"SELECT rowid, bm25(search_fts, {weights}) AS score FROM search_fts WHERE search_fts MATCH %s"  # noqa: S608
    params: list[Any] = [_sqlite_match(query, where)]
    if where.ids is not None:
        ids = list(where.ids)
        if not ids:
            return []
        sql += f" AND rowid IN ({', '.join(['%s'] * len(ids))})"
        params.extend(ids)
    sql += " ORDER BY score LIMIT %s"
    params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(int(doc_id), -float(score)) for doc_id, score in cursor.fetchall()]


def _pg_terms(query: AnalysedQuery, extra_words: Iterable[str] = ()) -> tuple[str, str]:
    """tsquery texts: (language-configuration part, 'simple' part). Words are alphanumeric
    tokens from analysis.tokens(), so quoting them is enough."""
    words = [w for w in tokens(" ".join(query.words_raw)) if not is_stop_word(w, query.locale)]
    complete = words[:-1] if query.prefix_raw and words and words[-1] == query.prefix_raw else words
    stemmed_terms = [f"'{w}'" for w in dict.fromkeys([*complete, *extra_words])]
    simple_terms: list[str] = []
    if query.prefix_raw:
        stemmed_terms.append(f"'{query.prefix_raw}':*")
        simple_terms.append(f"'{query.prefix_raw}':*")
    return " | ".join(stemmed_terms), " | ".join(simple_terms)


def _pg_corrections(query: AnalysedQuery) -> list[str]:
    """Nearest vocabulary words for query words that are not in the vocabulary."""
    words = [w for w in query.words_raw if len(w) >= TYPO_MIN_WORD_CHARS and w != query.prefix_raw]
    if not words or not trigram_available():
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT q.w, t.word FROM unnest(%s::text[]) AS q(w)
               CROSS JOIN LATERAL (
                 SELECT word FROM search_searchterm WHERE word %% q.w AND similarity(word, q.w) >= %s
                 ORDER BY word <-> q.w LIMIT 2) t
               WHERE NOT EXISTS (SELECT 1 FROM search_searchterm s WHERE s.word = q.w)""",
            [words, TYPO_SIMILARITY],
        )
        return [word for _, word in cursor.fetchall()]


def _pg_search(
    query: AnalysedQuery, *, where: LexicalFilter, limit: int, typo_tolerant: bool
) -> list[tuple[int, float]]:
    config = PG_CONFIGS.get(query.locale, "simple")
    extra = _pg_corrections(query) if typo_tolerant else []
    stemmed_text, simple_text = _pg_terms(query, extra)
    if not stemmed_text and not simple_text:
        return []
    parts: list[str] = []
    params: list[Any] = []
    if stemmed_text:
        parts.append("to_tsquery(%s::regconfig, %s)")
        params.extend([config, stemmed_text])
    if simple_text:
        parts.append("to_tsquery('simple', %s)")
        params.append(simple_text)
    tsquery = " || ".join(parts)
    sql = (
        "SELECT d.id, ts_rank('{0.1, 0.2, 0.4, 1.0}', d.tsv, q.q, 1) AS score "  # noqa: S608
        f"FROM search_searchdocument d, (SELECT {tsquery} AS q) q "
        "WHERE d.tsv @@ q.q AND d.kind = %s AND d.locale = %s AND d.published"
    )
    params.extend([where.kind, where.locale])
    if where.product_group is not None:
        sql += " AND d.product_group = %s"
        params.append(where.product_group)
    if where.ids is not None:
        ids = list(where.ids)
        if not ids:
            return []
        sql += " AND d.id = ANY(%s)"
        params.append(ids)
    sql += " ORDER BY score DESC LIMIT %s"
    params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(int(doc_id), float(score)) for doc_id, score in cursor.fetchall()]
