"""Render times of the community's hot pages at scale: a section with many threads (the thread
list, sorted each way, first and last page) and a thread page with many answers. Builds its data
inside a transaction that is rolled back, so the database is left as it was. Prints JSON."""

from __future__ import annotations

import json
import random
import statistics
import time
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from caselog.accounts.models import User
from caselog.community.models import Reply, Section, Thread
from caselog.knowledge.models import ProductGroup

BATCH = 5_000
REPLIES_ON_BIG_THREAD = 200
AUTHORS = 500


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Benchmark the community thread list and thread page at scale (JSON output)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--threads", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=15, help="renders per page measured")
        parser.add_argument("--seed", type=int, default=12)

    def handle(self, *args: Any, **options: Any) -> None:
        result: dict[str, Any] = {"threads": options["threads"], "database": connection.vendor}
        try:
            with transaction.atomic(), override_settings(ALLOWED_HOSTS=["*"], DEBUG=False):
                self._run(result, options["threads"], options["repeat"], random.Random(options["seed"]))
                raise _Rollback
        except _Rollback:
            pass
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))

    def _run(self, result: dict[str, Any], count: int, repeat: int, rng: random.Random) -> None:
        started = time.perf_counter()
        group = ProductGroup.objects.create(slug="benchmark-community", names={"en": "Benchmark"})
        section = Section.objects.create(product_group=group, locale="en", slug="benchmark-community")
        authors = User.objects.bulk_create(
            [User(username=f"bench-community-{n}", email=f"bench-community-{n}@example.com") for n in range(AUTHORS)]
        )
        now = timezone.now()
        for start in range(0, count, BATCH):
            Thread.objects.bulk_create(
                [
                    Thread(
                        section=section,
                        author=rng.choice(authors),
                        title=f"Benchmark question {n}",
                        body="How do I fix this?",
                        created_at=now - timedelta(minutes=n),
                        last_activity_at=now - timedelta(minutes=n - rng.randint(0, 60)),
                        reply_count=rng.choice((0, 0, 1, 2, 3, 5)),
                        score=rng.randint(0, 40),
                    )
                    for n in range(start, min(count, start + BATCH))
                ]
            )
        big = Thread.objects.filter(section=section).order_by("-last_activity_at").first()
        assert big is not None
        Reply.objects.bulk_create(
            [
                Reply(thread=big, author=rng.choice(authors), body=f"Answer number {n}: try **this**.")
                for n in range(REPLIES_ON_BIG_THREAD)
            ]
        )
        Thread.objects.filter(pk=big.pk).update(reply_count=REPLIES_ON_BIG_THREAD)
        result["build_seconds"] = round(time.perf_counter() - started, 1)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE community_thread")
                cursor.execute("ANALYZE community_reply")

        client = Client()
        section_url = reverse("community:section", args=[section.slug])
        last_page = max(1, (count + 19) // 20)
        pages: dict[str, tuple[str, dict[str, Any]]] = {
            "thread_list_activity_page_1": (section_url, {}),
            "thread_list_votes_page_1": (section_url, {"sort": "votes"}),
            "thread_list_unanswered_page_1": (section_url, {"sort": "unanswered"}),
            "thread_list_activity_page_100": (section_url, {"page": 100}),
            "thread_list_activity_last_page": (section_url, {"page": last_page}),
            f"thread_page_{REPLIES_ON_BIG_THREAD}_answers": (big.get_absolute_url(), {}),
        }
        timings: dict[str, Any] = {}
        for name, (url, params) in pages.items():
            timings[name] = self._measure(client, url, params, repeat)
        result["pages"] = timings

    def _measure(self, client: Client, url: str, params: dict[str, Any], repeat: int) -> dict[str, Any]:
        response = client.get(url, params)  # warm-up
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        samples = []
        queries: list[str] = []

        def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(url, params)
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url, params)
            samples.append((time.perf_counter() - started) * 1000)
        samples.sort()
        return {
            "median_ms": round(statistics.median(samples), 1),
            "p95_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.95))], 1),
            "queries": len(queries),
        }
