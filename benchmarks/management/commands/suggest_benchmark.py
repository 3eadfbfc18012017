"""Latency of the suggestion path at scale, typed one key at a time.

The 100,000 documents are the real corpora (StackFAQ + SemEval, 2,588 documents) plus
generated variants: variant i takes the title and body of source document a, adds a
product-model tag to the title and the first sentence of another document b to the body.
Source documents are embedded for real by both encoders (disk cache by text hash). A
variant's vectors are derived from its sources, normalise(0.8 * v(a) + 0.2 * v(b)),
instead of being encoded: encoding 100,000 texts with the refine model alone would take
hours on this machine; the measured encoding throughput is reported instead. Every
query goes through `suggestion_list` (what every front door calls), the encoders included.
"""

from __future__ import annotations

import gc
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from benchmarks.harness import (
    default_data_dir,
    peak_rss_mb,
    percentile_ms,
    read_jsonl,
    rss_mb,
    scratch_database,
    throwaway_database,
)
from caselog.search.encoders import (
    REFINE_TEXT_CHARS,
    embedding_text,
    encode_passages_cached,
    fast_encoder,
    refine_encoder,
    text_hash,
    vector_from_bytes,
    vector_to_bytes,
)
from caselog.search.models import SearchDocument
from caselog.search.queries import suggestion_query_from
from caselog.search.selectors import SuggestionList, suggestion_list
from caselog.search.services import DocumentInput, documents_upsert_many
from caselog.search.vectors import fast_index

DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/caselog"
MODEL_TAGS = ["iPhone 15", "iPhone 14", "iPad Air", "iPad Pro", "MacBook Air", "iMac", "Watch Series 9", "AirPods"]
PRODUCT_GROUPS = ["iphone", "ipad", "mac", "watch", "airpods", "account-store"]
CHUNK = 5000
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+")


def _suggest(text: str, locale: str, *, refine: bool) -> SuggestionList:
    """One answer through the same query constructor and entry point as every front door."""
    return suggestion_list(query=suggestion_query_from({"q": text, "locale": locale}, refine=refine))


class Command(BaseCommand):
    help = "Keystroke and refined latency of suggestion_list over N generated documents; prints JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--docs", type=int, default=100_000)
        parser.add_argument("--database", choices=["sqlite", "postgresql"], default=None)
        parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRES_URL))
        parser.add_argument("--data-dir", type=Path, default=default_data_dir())
        parser.add_argument("--queries", type=int, default=80, help="queries typed key by key")
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument(
            "--sources", default="stackfaq,semeval2016_cqa_ql_b", help="data folders whose corpora seed the variants"
        )
        parser.add_argument("--keep", action="store_true", help="keep the scratch database and print its name")
        parser.add_argument("--reuse", default="", help="measure on a scratch database kept by --keep (no build)")

    def handle(self, *args: Any, **options: Any) -> None:
        wanted = options["database"]
        if wanted and wanted != connection.vendor:
            self._rerun_on(wanted, options)
            return
        data_dir: Path = options["data_dir"]
        queries = self._queries(data_dir, options["queries"], options["seed"])
        if options["reuse"]:
            with scratch_database(options["reuse"]) as name:
                result = {"scratch_database": name, **self._measure(queries, build={})}
        else:
            sources = self._sources(data_dir, options["sources"].split(","))
            with throwaway_database("suggest", keep=options["keep"]) as name:
                build = self._build(sources, options["docs"], options["seed"])
                result = self._measure(queries, build=build)
            if options["keep"]:
                result["scratch_database"] = name
        self.stdout.write(json.dumps(result, indent=2))

    def _rerun_on(self, vendor: str, options: dict[str, Any]) -> None:
        env = dict(os.environ)
        if vendor == "postgresql":
            env["DATABASE_URL"] = options["database_url"]
        else:
            env.pop("DATABASE_URL", None)
        argv = [sys.executable, sys.argv[0], "suggest_benchmark", "--docs", str(options["docs"])]
        argv += ["--data-dir", str(options["data_dir"]), "--queries", str(options["queries"])]
        argv += ["--seed", str(options["seed"]), "--sources", options["sources"]]
        argv += ["--keep"] if options["keep"] else []
        argv += ["--reuse", options["reuse"]] if options["reuse"] else []
        completed = subprocess.run(argv, env=env, check=False, capture_output=True, text=True)  # noqa: S603
        self.stderr.write(completed.stderr)
        if completed.returncode:
            raise CommandError(f"benchmark on {vendor} failed")
        self.stdout.write(completed.stdout)

    def _sources(self, data_dir: Path, names: list[str]) -> list[dict[str, str]]:
        docs = []
        for name in names:
            path = data_dir / name / "corpus.jsonl"
            if not path.exists():
                raise CommandError(f"{path} not found")
            docs += [{"title": str(d["title"]), "body": str(d["body"])} for d in read_jsonl(path)]
        return docs

    def _queries(self, data_dir: Path, count: int, seed: int) -> list[tuple[str, str]]:
        rng = random.Random(seed)
        pools = [
            ("en", read_jsonl(data_dir / "stackfaq" / "dev_queries.jsonl")),
            ("en", read_jsonl(data_dir / "semeval2016_cqa_ql_b" / "dev_queries.jsonl")),
            ("ru", read_jsonl(data_dir / "stackfaq" / "dev_queries.ru.jsonl")),
            ("de", read_jsonl(data_dir / "stackfaq" / "dev_queries.de.jsonl")),
        ]
        shares = [0.5, 0.2, 0.15, 0.15]
        picked: list[tuple[str, str]] = []
        for (locale, pool), share in zip(pools, shares, strict=True):
            picked += [(locale, str(q["title"])) for q in rng.sample(pool, max(1, int(count * share)))]
        return picked

    def _build(self, sources: list[dict[str, str]], total: int, seed: int) -> dict[str, Any]:
        rng = random.Random(seed)
        n_sources = len(sources)
        fast, refine = fast_encoder(), refine_encoder()
        started = time.perf_counter()
        fast_vectors = np.vstack(
            [
                vector_from_bytes(b)
                for b in encode_passages_cached(fast, [embedding_text(d["title"], d["body"]) for d in sources])
            ]
        )
        refine_vectors = np.vstack(
            [
                vector_from_bytes(b)
                for b in encode_passages_cached(
                    refine, [embedding_text(d["title"], d["body"], max_chars=REFINE_TEXT_CHARS) for d in sources]
                )
            ]
        )
        source_embed_s = time.perf_counter() - started

        started = time.perf_counter()
        for first in range(0, total, CHUNK):
            batch: list[DocumentInput] = []
            mixes: list[tuple[int, int]] = []
            for i in range(first, min(total, first + CHUNK)):
                a = i % len(sources)
                b = a if i < len(sources) else rng.randrange(len(sources))
                title, body = sources[a]["title"], sources[a]["body"]
                if i >= len(sources):
                    extra = _SENTENCE_RE.split(sources[b]["body"], maxsplit=1)[0][:300]
                    title = f"{title} ({MODEL_TAGS[i % len(MODEL_TAGS)]})"
                    body = f"{body} {extra}"
                batch.append(
                    DocumentInput(
                        kind="article",
                        key=f"bench-{i}",
                        locale="en",
                        title=title,
                        body=body,
                        product_group=PRODUCT_GROUPS[i % len(PRODUCT_GROUPS)],
                        url=f"/help/bench-{i}/",
                    )
                )
                mixes.append((a, b))
            ids = documents_upsert_many(batch, embed=False)
            self._store_vectors(ids, batch, mixes, fast_vectors, refine_vectors)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # What autovacuum does within a minute of a bulk load (planner statistics, the
            # visibility map); measured before it, the first queries plan blind.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        lexical_and_store_s = time.perf_counter() - started
        return {
            "source_documents": n_sources,
            "documents_and_lexical_index_and_vector_rows": round(lexical_and_store_s, 1),
            "source_embedding_or_cache": round(source_embed_s, 1),
        }

    def _measure(self, queries: list[tuple[str, str]], *, build: dict[str, Any]) -> dict[str, Any]:
        gc.collect()
        started = time.perf_counter()
        mirror = fast_index()  # builds the in-process HNSW mirror from the stored vectors
        mirror_s = time.perf_counter() - started
        indexed = len(mirror)

        for locale, text in queries[:3]:  # warm-up: first-call costs are not keystrokes
            _suggest(text, locale, refine=True)
        keystrokes: list[float] = []
        refined: list[float] = []
        # CPU time of this thread per answer, next to wall time: on a shared, saturated
        # machine the wall clock mostly measures the wait for a core.
        keystrokes_cpu: list[float] = []
        refined_cpu: list[float] = []
        for locale, text in queries:
            for end in range(2, len(text) + 1):
                prefix = text[:end]
                tick, cpu = time.perf_counter(), time.thread_time()
                _suggest(prefix, locale, refine=False)
                keystrokes.append(time.perf_counter() - tick)
                keystrokes_cpu.append(time.thread_time() - cpu)
            tick, cpu = time.perf_counter(), time.thread_time()
            _suggest(text, locale, refine=True)
            refined.append(time.perf_counter() - tick)
            refined_cpu.append(time.thread_time() - cpu)
        gc.collect()
        return {
            "database": connection.vendor,
            "docs": SearchDocument.objects.count(),
            "vectors_in_mirror": indexed,
            "source_documents": build.get("source_documents"),
            "queries": len(queries),
            "keystrokes": len(keystrokes),
            "keystroke_p50_ms": percentile_ms(keystrokes, 50),
            "keystroke_p95_ms": percentile_ms(keystrokes, 95),
            "keystroke_p99_ms": percentile_ms(keystrokes, 99),
            "refined_p50_ms": percentile_ms(refined, 50),
            "refined_p99_ms": percentile_ms(refined, 99),
            "keystroke_cpu_p50_ms": percentile_ms(keystrokes_cpu, 50),
            "keystroke_cpu_p99_ms": percentile_ms(keystrokes_cpu, 99),
            "refined_cpu_p99_ms": percentile_ms(refined_cpu, 99),
            "index_build_s": round(build.get("documents_and_lexical_index_and_vector_rows", 0.0) + mirror_s, 1),
            "index_build_detail_s": {
                **{k: v for k, v in build.items() if k != "source_documents"},
                "vector_mirror_hnsw": round(mirror_s, 1),
            },
            "rss_mb": rss_mb(),
            "load_average_1m": round(os.getloadavg()[0], 2),
            "rss_peak_mb": peak_rss_mb(),
            "vectors": "source documents encoded by both models; variants' vectors mixed from their sources",
        }

    def _store_vectors(
        self,
        ids: list[int],
        batch: list[DocumentInput],
        mixes: list[tuple[int, int]],
        fast_vectors: np.ndarray[Any, Any],
        refine_vectors: np.ndarray[Any, Any],
    ) -> None:
        a = np.asarray([m[0] for m in mixes])
        b = np.asarray([m[1] for m in mixes])
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        mixed_fast = 0.8 * fast_vectors[a] + 0.2 * fast_vectors[b]
        mixed_fast /= np.linalg.norm(mixed_fast, axis=1, keepdims=True)
        mixed_refine = 0.8 * refine_vectors[a] + 0.2 * refine_vectors[b]
        mixed_refine /= np.linalg.norm(mixed_refine, axis=1, keepdims=True)
        rows = [
            (
                vector_to_bytes(mixed_fast[row]),
                fast_encoder().name,
                vector_to_bytes(mixed_refine[row]),
                refine_encoder().name,
                text_hash(embedding_text(item.title, item.body)),
                now,
                doc_id,
            )
            for row, (doc_id, item) in enumerate(zip(ids, batch, strict=True))
        ]
        # What documents_embed writes, in one executemany: Django's bulk_update builds
        # CASE expressions that cost minutes at 100,000 rows.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE search_searchdocument SET vector = %s, vector_model = %s, refine_vector = %s, "
                "refine_vector_model = %s, vector_text_hash = %s, vector_updated_at = %s WHERE id = %s",
                rows,
            )
