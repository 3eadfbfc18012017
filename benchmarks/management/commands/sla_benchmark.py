"""Due times for many open cases: the pure engine, then the real recompute after a calendar
change (read, compute, bulk update). Runs inside a transaction that is rolled back, so the
database is left as it was. Prints JSON."""

from __future__ import annotations

import json
import random
import time as clock
from datetime import time, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from caselog.cases.clocks import sla_recompute
from caselog.cases.models import Case, Department, Queue, RequestType
from caselog.knowledge.models import ProductGroup, Topic
from caselog.sla.calendars import calendar_clock_fresh
from caselog.sla.engine import due_with_pauses
from caselog.sla.models import Calendar, Metric, OpeningHours, Priority, SLAPolicy, SLATarget


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Benchmark SLA due-time computation and the recompute after a calendar change (JSON output)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=11)

    def handle(self, *args: Any, **options: Any) -> None:
        result: dict[str, Any] = {"cases": options["cases"], "database": connection.vendor}
        try:
            with transaction.atomic():
                self._run(result, options["cases"], random.Random(options["seed"]))
                raise _Rollback
        except _Rollback:
            pass
        self.stdout.write(json.dumps(result, indent=2))

    def _run(self, result: dict[str, Any], count: int, rng: random.Random) -> None:
        calendar = Calendar.objects.create(
            name="Benchmark calendar", time_zone="Europe/Berlin", holiday_country="DE", holiday_subdivision="BE"
        )
        OpeningHours.objects.bulk_create(
            [OpeningHours(calendar=calendar, weekday=d, opens=time(9), closes=time(13)) for d in range(5)]
            + [OpeningHours(calendar=calendar, weekday=d, opens=time(14), closes=time(21)) for d in range(5)]
        )
        policy = SLAPolicy.objects.create(name="Benchmark policy")
        for metric, hours in ((Metric.FIRST_RESPONSE, 24), (Metric.RESOLUTION, 60), (Metric.NEXT_RESPONSE, 12)):
            SLATarget.objects.create(
                policy=policy, metric=metric, priority=Priority.NORMAL, target=timedelta(hours=hours)
            )
        group = ProductGroup.objects.create(slug="benchmark-sla", names={"en": "Benchmark"})
        topic = Topic.objects.create(product_group=group, slug="benchmark", names={"en": "Benchmark"})
        request_type = RequestType.objects.create(
            topic=topic, slug="benchmark", names={"en": "Benchmark"}, sla_policy=policy
        )
        department = Department.objects.create(
            name="Benchmark department", language="de", country="DE", calendar=calendar
        )
        queue = Queue.objects.create(department=department, name="Benchmark")

        now = timezone.now()
        starts = [now - timedelta(minutes=rng.randint(0, 60 * 24 * 30)) for _ in range(count)]
        pauses = [
            [(start + timedelta(hours=2), start + timedelta(hours=rng.randint(3, 40)))] if index % 3 == 0 else []
            for index, start in enumerate(starts)
        ]

        # 1. The engine alone: compile the calendar, then one due time per case.
        began = clock.perf_counter()
        compiled = calendar_clock_fresh(calendar)
        compile_seconds = clock.perf_counter() - began
        began, began_cpu = clock.perf_counter(), clock.process_time()
        for start, case_pauses in zip(starts, pauses, strict=True):
            due_with_pauses(compiled, start=start, target=timedelta(hours=24), pauses=case_pauses)
        result["engine_seconds"] = round(clock.perf_counter() - began, 3)
        result["engine_cpu_seconds"] = round(clock.process_time() - began_cpu, 3)
        result["engine_compile_seconds"] = round(compile_seconds, 4)
        result["engine_due_times_per_second"] = round(count / max(result["engine_seconds"], 1e-9))

        # 2. Rows in the database, as open cases created at those moments (auto_now_add is
        # lifted for this insert only, so that every row keeps its own creation time).
        began = clock.perf_counter()
        created_field = Case._meta.get_field("created_at")
        created_field.auto_now_add = False  # type: ignore[attr-defined]
        try:
            Case.objects.bulk_create(
                (
                    Case(
                        number=f"B-{index}",
                        subject="Benchmark",
                        locale="de",
                        product_group=group,
                        topic=topic,
                        request_type=request_type,
                        queue=queue,
                        contact_email="bench@example.com",
                        status=Case.Status.OPEN,
                        created_at=start,
                        first_response_due=start,
                        sla_pauses=[[a.isoformat(), b.isoformat()] for a, b in case_pauses],
                    )
                    for index, (start, case_pauses) in enumerate(zip(starts, pauses, strict=True))
                ),
                batch_size=2000,
            )
        finally:
            created_field.auto_now_add = True  # type: ignore[attr-defined]
        result["insert_seconds"] = round(clock.perf_counter() - began, 3)

        # 3. The recompute after a calendar change: Saturdays open from now on.
        OpeningHours.objects.create(calendar=calendar, weekday=5, opens=time(10), closes=time(16))
        calendar.save(update_fields=["updated_at"])
        began, began_cpu = clock.perf_counter(), clock.process_time()
        changed = sla_recompute(Case.objects.filter(queue=queue))
        result["recompute_seconds"] = round(clock.perf_counter() - began, 3)
        # This process's CPU time: on a shared machine the wall time also counts waiting.
        result["recompute_cpu_seconds"] = round(clock.process_time() - began_cpu, 3)
        result["recompute_changed"] = changed
        result["recompute_cases_per_second"] = round(count / max(result["recompute_seconds"], 1e-9))
