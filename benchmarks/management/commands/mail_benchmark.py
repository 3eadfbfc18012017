"""`mail_benchmark --corpus DIR`: the corpus through parse + case creation in a throw-away
SQLite database (a child process of this command), printing one JSON object."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Run a mail corpus folder through the inbound path in a throw-away database; print JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--corpus", required=True, type=Path, help="A folder with messages/*.eml")
        parser.add_argument("--inner", action="store_true", help=("Internal: run inside the throw-away database."))

    def handle(self, *args: Any, **options: Any) -> None:
        corpus: Path = options["corpus"].resolve()
        if not (corpus / "messages").is_dir():
            raise CommandError(f"{corpus} has no messages/ folder")
        if options["inner"]:
            self.stdout.write(json.dumps(_run(corpus), indent=2))
            return
        with tempfile.TemporaryDirectory(prefix="caselog-mail-benchmark-") as directory:
            env = {
                **os.environ,
                "DATABASE_URL": f"sqlite:///{directory}/benchmark.sqlite3",
                # Parsing and routing are called directly; other apps' side effects of a new
                # case (confirmation mail, search indexing) are queued, not run.
                "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
                "EMAIL_URL": "dummy://",
                "CASELOG_VAR_DIR": directory,
                "MAIL_FLOOD_LIMIT": str(10**6),
            }
            manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
            subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True)  # noqa: S603
            done = subprocess.run(  # noqa: S603 - our own manage.py with our own arguments
                [*manage, "mail_benchmark", "--inner", "--corpus", str(corpus)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            self.stdout.write(done.stdout)


def _run(corpus: Path) -> dict[str, Any]:
    import logging

    from benchmarks.mail_corpus import corpus_run, parse_memory_multiples
    from caselog.cases.models import Department, Queue, RequestType
    from caselog.knowledge.models import ProductGroup, Topic
    from caselog.mail.models import Mailbox

    logging.disable(logging.ERROR)  # parser failures are counted, not printed
    call_command("check", verbosity=0)
    group = ProductGroup.objects.create(slug="benchmark", names={"en": "Benchmark"})
    topic = Topic.objects.create(product_group=group, slug="mail", names={"en": "Mail"})
    request_type = RequestType.objects.create(topic=topic, slug="mail", names={"en": "Mail"})
    for language in ("en", "de", "ru"):
        department = Department.objects.create(name=f"Benchmark {language}", language=language, country="DE")
        Queue.objects.create(department=department, name="Mail").product_groups.add(group)
    mailbox = Mailbox.objects.create(
        name="Benchmark",
        address="benchmark@caselog.example",
        department=Department.objects.get(language="en"),
        request_type=request_type,
    )
    rss_before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu_started = time.process_time()
    result = corpus_run(directory=corpus, mailbox=mailbox)
    cpu_seconds = time.process_time() - cpu_started
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    memory_name, memory_multiple, memory_peak = parse_memory_multiples(corpus)
    return {
        "messages": result.messages,
        "seconds": round(result.seconds, 3),
        "cpu_seconds": round(cpu_seconds, 3),
        "messages_per_second": round(result.messages / result.seconds, 2) if result.seconds else None,
        "slowest_message": {"id": result.slowest[0], "seconds": round(result.slowest[1], 3)},
        "slowest_message_cpu": {"id": result.slowest_cpu[0], "cpu_seconds": round(result.slowest_cpu[1], 3)},
        "peak_rss_mb": round(peak_rss_mb, 1),
        "rss_before_corpus_mb": round(rss_before_mb, 1),
        "max_parse_memory_multiple": {
            "id": memory_name,
            "multiple_of_size": round(memory_multiple, 1),
            "peak_bytes": memory_peak,
        },
        "cases": result.cases,
        "replies": result.replies,
        "quarantined": result.quarantined,
        "lost": result.lost,
        "raised": result.raised,
        "raw_changed": result.raw_changed,
        "over_2_cpu_seconds": result.over_time_limit,
        "expectation_mismatches": result.expectation_mismatches,
        "problems": result.problems,
    }
