"""In-process nearest-neighbour index over the fast (USE) document vectors.

The database stays the source of truth: vectors live in `SearchDocument.vector`; each web
process mirrors them into a usearch HNSW index (float16, cosine) and catches up with
whatever the embedding task wrote since, at most once per SYNC_INTERVAL. The index only
proposes candidates: every candidate is re-read from the database with the caller's
filters (published, kind, language, group), so a deleted or unpublished document is never
shown even before the mirror catches up.

The refine (E5) vectors are not mirrored: the refined answer reads them from the
database for its ~100 candidates, which keeps the web process well under its memory cap.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import numpy as np
from django.db import connection

from .encoders import FAST_DIM, Vectors, vector_from_bytes
from .models import SearchDocument

SYNC_INTERVAL_S = 1.0
SYNC_CHUNK = 2000


class VectorIndex:
    def __init__(self, dim: int) -> None:
        from usearch.index import Index

        self._index = Index(ndim=dim, metric="cos", dtype="f16", connectivity=16, expansion_add=64, expansion_search=96)
        self.dim = dim
        self.synced_until: datetime | None = None
        self.last_check = 0.0
        self.stale = True
        self.lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._index)

    def upsert(self, ids: Sequence[int], vectors: Vectors) -> None:
        if not len(ids):
            return
        keys = np.asarray(ids, dtype=np.uint64)
        present = np.asarray(self._index.contains(keys), dtype=bool).reshape(-1)
        if present.any():
            self._index.remove(keys[present])
        self._index.add(keys, vectors, threads=2)

    def nearest(self, query: Vectors, count: int) -> list[tuple[int, float]]:
        if len(self._index) == 0 or count <= 0:
            return []
        matches = self._index.search(query, min(count, len(self._index)))
        return [(int(k), 1.0 - float(d)) for k, d in zip(matches.keys, matches.distances, strict=True)]

    def similarities(self, query: Vectors, ids: Sequence[int]) -> dict[int, float]:
        """Cosine similarity of the query with each listed document that has a vector."""
        if not ids or len(self._index) == 0:
            return {}
        keys = np.asarray(ids, dtype=np.uint64)
        present = np.asarray(self._index.contains(keys), dtype=bool).reshape(-1)
        known = keys[present]
        if not len(known):
            return {}
        fetched: Any = self._index.get(known, dtype="f32")
        matrix = np.vstack(fetched).astype(np.float32).reshape(len(known), self.dim)
        norms = np.linalg.norm(matrix, axis=1)
        norms[norms == 0] = 1.0
        scores = (matrix @ query) / norms
        return {int(k): float(s) for k, s in zip(known, scores, strict=True)}


_indexes: dict[str, VectorIndex] = {}
_indexes_lock = threading.Lock()


def _database_key() -> str:
    return f"{connection.vendor}:{connection.settings_dict.get('NAME')}"


def fast_index() -> VectorIndex:
    """The process's index for the current database, caught up with the stored vectors."""
    key = _database_key()
    with _indexes_lock:
        index = _indexes.get(key)
        if index is None:
            index = _indexes[key] = VectorIndex(FAST_DIM)
    now = time.monotonic()
    if index.stale or now - index.last_check >= SYNC_INTERVAL_S:
        with index.lock:
            if index.stale or now - index.last_check >= SYNC_INTERVAL_S:
                _catch_up(index)
                index.last_check = time.monotonic()
                index.stale = False
    return index


def _catch_up(index: VectorIndex) -> None:
    rows = SearchDocument.objects.filter(vector__isnull=False)
    if index.synced_until is not None:
        # Strictly newer: re-reading the last batch every second would re-insert thousands
        # of vectors into the graph. A vector committed later with an older timestamp is
        # missed by this mirror (it still ranks through lexical candidates) until restart.
        rows = rows.filter(vector_updated_at__gt=index.synced_until)
    latest = index.synced_until
    ids: list[int] = []
    vectors: list[Vectors] = []
    for doc_id, vector, updated_at in rows.values_list("id", "vector", "vector_updated_at").iterator(
        chunk_size=SYNC_CHUNK
    ):
        if vector is None:
            continue
        ids.append(doc_id)
        vectors.append(vector_from_bytes(vector))
        if updated_at is not None and (latest is None or updated_at > latest):
            latest = updated_at
        if len(ids) >= SYNC_CHUNK:
            index.upsert(ids, np.vstack(vectors))
            ids, vectors = [], []
    if ids:
        index.upsert(ids, np.vstack(vectors))
    index.synced_until = latest


def mark_stale() -> None:
    """Vectors were written by this process: catch up on the next query."""
    with _indexes_lock:
        for index in _indexes.values():
            index.stale = True


def forget_all() -> None:
    """Drop every mirror (tests and benchmarks switch databases)."""
    with _indexes_lock:
        _indexes.clear()


def warm_up() -> None:
    """Load the encoders and build this process's mirror before the first keystroke needs
    them (at 100,000 documents the mirror takes seconds to build). Run in a thread at
    web-process start; a request meanwhile waits for the mirror's lock."""
    from django.db import close_old_connections

    from .encoders import fast_encoder, refine_encoder

    try:
        fast_encoder()
        fast_index()
        refine_encoder()
    finally:
        close_old_connections()
        connection.close()


def warm_up_in_background() -> threading.Thread:
    thread = threading.Thread(target=warm_up, name="search-warm-up", daemon=True)
    thread.start()
    return thread
