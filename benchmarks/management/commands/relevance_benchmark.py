"""Relevance of the suggestion path on an evaluation set (formats of ../shared/data).

The corpus is loaded into a throw-away database through the normal services, the vectors
are computed by the same function the background task runs, and every query is answered
by `suggestion_list` (the one suggestion door), refined, exactly as a user finally sees it."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from benchmarks.harness import (
    default_data_dir,
    mean_metrics,
    percentile_ms,
    ranking_metrics,
    read_jsonl,
    throwaway_database,
)
from caselog.search.analysis import SUPPORTED_LOCALES
from caselog.search.queries import suggestion_query_from
from caselog.search.selectors import suggestion_list
from caselog.search.services import DocumentInput, documents_embed, documents_upsert_many

RETRIEVAL_DEPTH = 100


class Command(BaseCommand):
    help = "Measure MAP/MRR/P@k/R@10 and latency of suggestion_list on an evaluation set; prints JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        data = default_data_dir()
        parser.add_argument("--corpus", type=Path, default=data / "stackfaq" / "corpus.jsonl")
        parser.add_argument("--queries", type=Path, default=data / "stackfaq" / "dev_queries.jsonl")
        parser.add_argument("--protocol", choices=["rerank", "retrieval"], default="retrieval")
        parser.add_argument("--query-fields", choices=["title", "title_body"], default="title")
        parser.add_argument("--corpus-locale", choices=SUPPORTED_LOCALES, default="en")
        parser.add_argument("--query-locale", choices=SUPPORTED_LOCALES, default=None)
        parser.add_argument("--run-out", type=Path, default=None)
        parser.add_argument(
            "--stage",
            choices=["refined", "keystroke"],
            default="refined",
            help="refined = what the user finally sees (default); keystroke = the per-key answer",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        corpus_path: Path = options["corpus"]
        queries_path: Path = options["queries"]
        for path in (corpus_path, queries_path):
            if not path.exists():
                raise CommandError(f"{path} not found")
        corpus = read_jsonl(corpus_path)
        queries = read_jsonl(queries_path)
        corpus_locale: str = options["corpus_locale"]
        query_locale: str = options["query_locale"] or corpus_locale
        refine = options["stage"] == "refined"
        rerank = options["protocol"] == "rerank"

        with throwaway_database("relevance"):
            started = time.perf_counter()
            documents_upsert_many(
                (
                    DocumentInput(
                        kind="article",
                        key=str(doc["id"]),
                        locale=corpus_locale,
                        title=str(doc.get("title", "")),
                        body=str(doc.get("body", "")),
                        url=f"/bench/{doc['id']}",
                    )
                    for doc in corpus
                ),
                embed=False,
            )
            documents_embed(refine=refine)
            build_s = time.perf_counter() - started

            latencies: list[float] = []
            cpu_times: list[float] = []
            per_query: list[dict[str, float]] = []
            runs: list[dict[str, Any]] = []
            # Warm the encoders and the vector mirror before timing.
            suggestion_list(query=suggestion_query_from({"q": "warm up", "locale": query_locale}, refine=refine))
            for query in queries:
                text = str(query.get("title", ""))
                if options["query_fields"] == "title_body" and query.get("body"):
                    text = f"{text}\n{query['body']}"
                candidates = [str(c) for c in query.get("candidates", [])] if rerank else None
                limit = len(candidates) if candidates is not None else RETRIEVAL_DEPTH
                tick, cpu = time.perf_counter(), time.thread_time()
                suggestion_query = suggestion_query_from(
                    {"q": text, "locale": query_locale}, limit=limit, refine=refine, keys=candidates
                )
                suggestions = suggestion_list(query=suggestion_query)
                latencies.append(time.perf_counter() - tick)
                cpu_times.append(time.thread_time() - cpu)
                ranking = [s.key for s in suggestions]
                runs.append({"query_id": query["id"], "ranking": ranking})
                metrics = ranking_metrics(
                    ranking,
                    {str(r) for r in query.get("relevant", [])},
                    exclude={str(e) for e in query.get("exclude", [])},
                    candidates=candidates,
                )
                if metrics is not None:
                    per_query.append(metrics)

        if options["run_out"]:
            with Path(options["run_out"]).open("w", encoding="utf-8") as handle:
                for run in runs:
                    handle.write(json.dumps(run) + "\n")
        result: dict[str, Any] = {
            "corpus": str(corpus_path),
            "queries": str(queries_path),
            "protocol": options["protocol"],
            "query_fields": options["query_fields"],
            "corpus_locale": corpus_locale,
            "query_locale": query_locale,
            "stage": options["stage"],
            "doc_count": len(corpus),
            "query_count": len(queries),
            "scored_queries": len(per_query),
            **mean_metrics(per_query),
            "latency_p50_ms": percentile_ms(latencies, 50),
            "latency_p95_ms": percentile_ms(latencies, 95),
            "latency_p99_ms": percentile_ms(latencies, 99),
            "cpu_p50_ms": percentile_ms(cpu_times, 50),
            "cpu_p99_ms": percentile_ms(cpu_times, 99),
            "index_build_s": round(build_s, 2),
            "load_average_1m": round(os.getloadavg()[0], 2),
        }
        self.stdout.write(json.dumps(result, indent=2))
