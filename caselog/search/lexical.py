"""The lexical index in the database the product already runs on.

SQLite: an FTS5 table (migrations 0002, 0003) holding Python-computed Snowball stems plus
raw normalised tokens for the word being typed; BM25 ranking is FTS5's own. Only published
documents are in it, and each (kind, language) pair owns a range of FTS rowids, so a query
reads one range (`rowid BETWEEN`) instead of intersecting facet tokens with every match.
PostgreSQL: a tsvector (title weight A, body C in the language's own configuration; raw
'simple' tokens B/D for prefixes) in a narrow side table of published documents
(search_lexical) with a GIN index, ranked by ts_rank, and pg_trgm over the vocabulary for
typo tolerance.

Both rank only as many matches as a row budget allows: the query's terms are taken rarest
first (document frequencies from fts5vocab on SQLite, search_lexeme on PostgreSQL).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from .analysis import AnalysedQuery, analyse_document_text, fold, is_stop_word, normalise, tokens

PG_CONFIGS = {"en": "english", "de": "german", "ru": "russian"}
# FTS5 bm25() column weights: stemmed title, stemmed body, raw title, raw body, facets.
SQLITE_BM25_WEIGHTS = (3.0, 1.0, 1.5, 0.5, 0.0)
# Ranking costs about 1-2 microseconds per matching document, so a query ranks at most
# this many (estimated from document frequencies): its terms are taken rarest first while
# their frequencies add up to the budget. A term found in more documents than that says
# little about any one of them; when every term is that common the semantic side answers
# alone. On a knowledge base of a few thousand articles every query fits whole.
KEYSTROKE_ROW_BUDGET = 2000
REFINED_ROW_BUDGET = 5000
# ts_rank reads each match's tsvector: several times dearer per row than FTS5's bm25.
POSTGRES_BUDGET_SHARE = 0.5
# Vocabulary entries read to estimate how many documents a typed prefix matches.
PREFIX_VOCABULARY_SCAN = 48
FREQUENCY_CACHE_S = 60.0

# FTS rowid = partition << PARTITION_SHIFT | document id; a partition is (kind, language).
PARTITION_SHIFT = 40
PARTITION_KINDS = ("article", "thread")
PARTITION_LOCALES = ("en", "de", "ru")
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


def _partition(kind: str, locale: str) -> int:
    kind_code = PARTITION_KINDS.index(kind) + 1 if kind in PARTITION_KINDS else 0
    locale_code = PARTITION_LOCALES.index(locale) + 1 if locale in PARTITION_LOCALES else 0
    return kind_code * 8 + locale_code


def _partition_count() -> int:
    return (len(PARTITION_KINDS) + 1) * 8


def fts_rowid(doc_id: int, kind: str, locale: str) -> int:
    return (_partition(kind, locale) << PARTITION_SHIFT) | doc_id


def _fts_rowids_any_partition(ids: Iterable[int]) -> list[tuple[int]]:
    """Every rowid a document may have had: its kind or language may have changed."""
    return [((partition << PARTITION_SHIFT) | doc_id,) for doc_id in ids for partition in range(_partition_count())]


def index_write(rows: Sequence[IndexRow]) -> None:
    """Insert or replace the lexical entries of these documents."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        _pg_write(rows)
    else:
        _sqlite_write(rows)


def index_delete(ids: Collection[int]) -> None:
    """Remove the entries of documents about to be deleted."""
    if not ids:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _pg_lexemes_count(cursor, list(ids), sign="-")
            cursor.execute("DELETE FROM search_lexical WHERE document_id = ANY(%s)", [list(ids)])
        else:
            cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", _fts_rowids_any_partition(ids))


# Lexeme document frequencies (search_lexeme, migration 0003) follow every tsv change. Under
# concurrent writes they may drift slightly; they only decide which terms are worth ranking.
_PG_LEXEME_COUNTS = (
    "SELECT u.lexeme, count(*) FROM search_lexical l, unnest(l.tsv) AS u(lexeme, positions, weights) "
    "WHERE l.document_id = ANY(%s) AND l.tsv IS NOT NULL GROUP BY u.lexeme ORDER BY u.lexeme"
)


def _pg_lexemes_count(cursor: Any, ids: list[int], *, sign: str) -> None:
    if sign == "-":
        cursor.execute(
            "UPDATE search_lexeme l SET documents = l.documents - c.n "  # noqa: S608
            f"FROM ({_PG_LEXEME_COUNTS}) AS c(word, n) WHERE l.word = c.word",
            [ids],
        )
    else:
        cursor.execute(
            f"INSERT INTO search_lexeme (word, documents) {_PG_LEXEME_COUNTS} "
            "ON CONFLICT (word) DO UPDATE SET documents = search_lexeme.documents + EXCLUDED.documents",
            [ids],
        )


def sqlite_entry(row: IndexRow) -> tuple[int, str, str, str, str, str]:
    """The FTS row of a published document (also used by migration 0003's rebuild)."""
    title = analyse_document_text(row.title, row.locale)
    body = analyse_document_text(row.body, row.locale)
    return (
        fts_rowid(row.id, row.kind, row.locale),
        title.stemmed,
        body.stemmed,
        title.raw,
        body.raw,
        _facet("g", row.product_group),
    )


SQLITE_INSERT = (
    "INSERT INTO search_fts (rowid, title, body, title_raw, body_raw, facets) VALUES (%s, %s, %s, %s, %s, %s)"
)


def _sqlite_write(rows: Sequence[IndexRow]) -> None:
    values = [sqlite_entry(row) for row in rows if row.published]
    with connection.cursor() as cursor:
        cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", _fts_rowids_any_partition(r.id for r in rows))
        cursor.executemany(SQLITE_INSERT, values)


def _pg_write(rows: Sequence[IndexRow]) -> None:
    values = []
    vocabulary: set[str] = set()
    for row in rows:
        if not row.published:
            continue
        config = PG_CONFIGS.get(row.locale, "simple")
        raw_title, raw_body = normalise(row.title), normalise(row.body)
        entry = (row.id, row.kind, row.locale, row.product_group)
        values.append((*entry, config, fold(row.title), config, fold(row.body), raw_title, raw_body))
        vocabulary.update(w for w in raw_title.split() if len(w) >= TYPO_MIN_WORD_CHARS and len(w) <= 100)
    ids = [row.id for row in rows]
    with connection.cursor() as cursor:
        _pg_lexemes_count(cursor, ids, sign="-")
        cursor.execute("DELETE FROM search_lexical WHERE document_id = ANY(%s)", [ids])
        cursor.executemany(
            """INSERT INTO search_lexical (document_id, kind, locale, product_group, tsv) VALUES (%s, %s, %s, %s,
                 setweight(to_tsvector(%s::regconfig, %s), 'A') || setweight(to_tsvector(%s::regconfig, %s), 'C')
                 || setweight(to_tsvector('simple', %s), 'B') || setweight(to_tsvector('simple', %s), 'D'))""",
            values,
        )
        _pg_lexemes_count(cursor, ids, sign="+")
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


def search(query: AnalysedQuery, *, where: LexicalFilter, limit: int, refined: bool = False) -> list[tuple[int, float]]:
    """(document id, score) best first; higher scores are better. refined=True is the answer
    once typing pauses: it may spend more (typo tolerance, a larger ranking budget)."""
    if query.is_empty or limit <= 0:
        return []
    budget = REFINED_ROW_BUDGET if refined else KEYSTROKE_ROW_BUDGET
    if connection.vendor == "postgresql":
        budget = int(budget * POSTGRES_BUDGET_SHARE)
        return _pg_search(query, where=where, limit=limit, typo_tolerant=refined, budget=budget)
    return _sqlite_search(query, where=where, limit=limit, budget=budget)


@dataclass(frozen=True)
class _Term:
    """One alternative of the MATCH: an FTS5 phrase with its column filter."""

    expression: str
    vocabulary: str
    is_prefix: bool


def _sqlite_terms(query: AnalysedQuery) -> list[_Term]:
    terms = [_Term(f'{{title body}} : "{s}"', s, False) for s in query.stems]
    if query.prefix_raw:
        terms.append(_Term(f'{{title_raw body_raw}} : "{query.prefix_raw}" *', query.prefix_raw, True))
        if query.prefix_stem and query.prefix_stem != query.prefix_raw:
            terms.append(_Term(f'{{title body}} : "{query.prefix_stem}" *', query.prefix_stem, True))
    return terms


class _FrequencyCache:
    """Document frequencies, kept for a minute per database: while an agent types, every
    keystroke repeats the words already typed, so only the new word is looked up."""

    def __init__(self) -> None:
        self._values: dict[tuple[str, ...], tuple[float, Any]] = {}
        self._lock = threading.Lock()
        self._database = ""

    def get_many(
        self, keys: Sequence[tuple[str, ...]], load: Callable[[list[tuple[str, ...]]], dict[tuple[str, ...], Any]]
    ) -> dict[tuple[str, ...], Any]:
        database = f"{connection.vendor}:{connection.settings_dict.get('NAME')}"
        now = time.monotonic()
        found: dict[tuple[str, ...], Any] = {}
        missing: list[tuple[str, ...]] = []
        with self._lock:
            if database != self._database:
                self._values.clear()
                self._database = database
            for key in keys:
                cached = self._values.get(key)
                if cached is not None and now - cached[0] < FREQUENCY_CACHE_S:
                    found[key] = cached[1]
                else:
                    missing.append(key)
        if missing:
            fresh = load(missing)
            with self._lock:
                for key, value in fresh.items():
                    self._values[key] = (now, value)
            found.update(fresh)
        return found

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


_frequencies = _FrequencyCache()


def frequencies_forget() -> None:
    """Forget cached frequencies (tests and benchmarks that rebuild the index)."""
    _frequencies.clear()


def _sqlite_frequencies(keys: list[tuple[str, ...]]) -> dict[tuple[str, ...], Any]:
    """In one round trip, from the FTS vocabulary (any column, any partition: an upper
    bound): ("term", t) -> documents containing t; ("prefix", p) -> the sum over the first
    vocabulary words p starts ("everything" when more words start with it than are read)."""
    parts: list[str] = []
    params: list[Any] = []
    for index, (kind, word) in enumerate(keys):
        if kind == "prefix":
            parts.append("SELECT * FROM (SELECT %s, term, doc FROM search_fts_vocab WHERE term >= %s LIMIT %s)")
            params += [index, word, PREFIX_VOCABULARY_SCAN]
        else:
            parts.append("SELECT %s, term, doc FROM search_fts_vocab WHERE term = %s")
            params += [index, word]
    found: list[list[tuple[str, int]]] = [[] for _ in keys]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for index, term, documents in cursor.fetchall():
            found[int(index)].append((str(term), int(documents)))
    result: dict[tuple[str, ...], Any] = {}
    for (kind, word), pairs in zip(keys, found, strict=True):
        if kind != "prefix":
            result[(kind, word)] = sum(documents for _, documents in pairs)
            continue
        matching = [documents for term, documents in pairs if term.startswith(word)]
        everything = len(matching) == len(pairs) == PREFIX_VOCABULARY_SCAN
        result[(kind, word)] = 2**62 if everything else sum(matching)
    return result


def _within_budget(terms: Sequence[_Term], frequencies: dict[_Term, int], budget: int) -> list[_Term]:
    """The rarest terms whose document frequencies add up to at most `budget`."""
    chosen: list[_Term] = []
    total = 0
    # A term with no known documents stays: a cached count may be older than a new article.
    for term in sorted(terms, key=lambda t: frequencies[t]):
        count = frequencies[term]
        if total + count > budget:
            break
        chosen.append(term)
        total += count
    return chosen


def _sqlite_search(query: AnalysedQuery, *, where: LexicalFilter, limit: int, budget: int) -> list[tuple[int, float]]:
    terms = _sqlite_terms(query)
    if where.ids is None:
        keys = {term: ("prefix" if term.is_prefix else "term", term.vocabulary) for term in terms}
        known = _frequencies.get_many(list(keys.values()), _sqlite_frequencies)
        terms = _within_budget(terms, {term: int(known[key]) for term, key in keys.items()}, budget)
    if not terms:
        return []
    match = "(" + " OR ".join(t.expression for t in terms) + ")"
    if where.product_group is not None:
        match = f"facets : {_facet('g', where.product_group)} AND {match}"
    partition = _partition(where.kind, where.locale)
    weights = ", ".join(str(w) for w in SQLITE_BM25_WEIGHTS)
    sql = (
        f"SELECT rowid, bm25(search_fts, {weights}) AS score FROM search_fts "  # noqa: S608
        "WHERE search_fts MATCH %s AND rowid >= %s AND rowid < %s"
    )
    params: list[Any] = [match, partition << PARTITION_SHIFT, (partition + 1) << PARTITION_SHIFT]
    if where.ids is not None:
        ids = list(where.ids)
        if not ids:
            return []
        sql += f" AND rowid IN ({', '.join(['%s'] * len(ids))})"
        params.extend(fts_rowid(i, where.kind, where.locale) for i in ids)
    sql += " ORDER BY score LIMIT %s"
    params.append(limit)
    mask = (1 << PARTITION_SHIFT) - 1
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(int(rowid) & mask, -float(score)) for rowid, score in cursor.fetchall()]


def _pg_frequencies(keys: list[tuple[str, ...]]) -> dict[tuple[str, ...], Any]:
    """In one round trip: ("lexeme", config, word) -> ((lexeme, documents), ...), the word as
    the language configuration indexes it with each lexeme's document count; and
    ("pgprefix", prefix) -> documents matching the prefix (an upper bound; "everything" when
    more vocabulary words start with it than are read)."""
    parts: list[str] = []
    params: list[Any] = []
    for config in sorted({key[1] for key in keys if key[0] == "lexeme"}):
        parts.append(
            "SELECT 'lexeme', %s::text, w.word, l.lexeme, coalesce(x.documents, 0) "
            "FROM unnest(%s::text[]) AS w(word) "
            "CROSS JOIN LATERAL unnest(tsvector_to_array(to_tsvector(%s::regconfig, w.word))) AS l(lexeme) "
            "LEFT JOIN search_lexeme x ON x.word = l.lexeme"
        )
        params += [config, [key[2] for key in keys if key[0] == "lexeme" and key[1] == config], config]
    for key in keys:
        if key[0] == "pgprefix":
            parts.append(
                "SELECT 'pgprefix', '', %s::text, p.word, p.documents FROM "
                "(SELECT word, documents FROM search_lexeme WHERE word >= %s ORDER BY word LIMIT %s) p"
            )
            params += [key[1], key[1], PREFIX_VOCABULARY_SCAN]
    found: dict[tuple[str, ...], Any] = {key: [] for key in keys}
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(f"({part})" for part in parts), params)
            for kind, config, word, lexeme, documents in cursor.fetchall():
                key = ("lexeme", config, word) if kind == "lexeme" else ("pgprefix", word)
                found[key].append((str(lexeme), int(documents)))
    result: dict[tuple[str, ...], Any] = {}
    for key, pairs in found.items():
        if key[0] == "lexeme":
            result[key] = tuple(pairs)
            continue
        matching = [documents for word, documents in pairs if word.startswith(key[1])]
        everything = len(matching) == len(pairs) == PREFIX_VOCABULARY_SCAN
        result[key] = 2**62 if everything else sum(matching)
    return result


def _pg_terms(query: AnalysedQuery, config: str, extra_words: Iterable[str] = ()) -> dict[_Term, int]:
    """The tsquery alternatives with their document frequencies: lexemes of the complete
    words in the language's configuration, and the word being typed as a prefix. Words are
    alphanumeric tokens from analysis.tokens(), so quoting them is enough."""
    words = [w for w in tokens(" ".join(query.words_raw)) if not is_stop_word(w, query.locale)]
    complete = words[:-1] if query.prefix_raw and words and words[-1] == query.prefix_raw else words
    complete = list(dict.fromkeys([*complete, *extra_words]))
    keys: list[tuple[str, ...]] = [("lexeme", config, w) for w in complete]
    if query.prefix_raw:
        keys.append(("pgprefix", query.prefix_raw))
    known = _frequencies.get_many(keys, _pg_frequencies)
    terms: dict[_Term, int] = {}
    for key in keys:
        if key[0] == "lexeme":
            for lexeme, documents in known[key]:
                terms[_Term(f"'{lexeme}'", lexeme, False)] = documents
        else:
            terms[_Term(f"'{key[1]}':*", key[1], True)] = int(known[key])
    return terms


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
    query: AnalysedQuery, *, where: LexicalFilter, limit: int, typo_tolerant: bool, budget: int
) -> list[tuple[int, float]]:
    config = PG_CONFIGS.get(query.locale, "simple")
    extra = _pg_corrections(query) if typo_tolerant else []
    frequencies = _pg_terms(query, config, extra)
    terms = list(frequencies)
    if where.ids is None:
        terms = _within_budget(terms, frequencies, budget)
    if not terms:
        return []
    # The lexemes are already in the configuration's form: 'simple' keeps them as they are.
    sql = (
        "SELECT d.document_id, ts_rank('{0.1, 0.2, 0.4, 1.0}', d.tsv, q.q, 1) AS score "
        "FROM search_lexical d, (SELECT to_tsquery('simple', %s) AS q) q "
        "WHERE d.tsv @@ q.q AND d.kind = %s AND d.locale = %s"
    )
    params: list[Any] = [" | ".join(t.expression for t in terms), where.kind, where.locale]
    if where.product_group is not None:
        sql += " AND d.product_group = %s"
        params.append(where.product_group)
    if where.ids is not None:
        ids = list(where.ids)
        if not ids:
            return []
        sql += " AND d.document_id = ANY(%s)"
        params.append(ids)
    sql += " ORDER BY score DESC LIMIT %s"
    params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(int(doc_id), float(score)) for doc_id, score in cursor.fetchall()]
