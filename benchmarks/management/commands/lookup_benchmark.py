"""How fast is the console look-up at scale? Fills a database with N customers and N devices
(bulk_create), then times `customer_lookup` - exactly what the console calls - for a mix of
emails, phone numbers typed in several formats, serials, and misses. Prints JSON.

    manage.py lookup_benchmark                       # throw-away database of the configured engine
    manage.py lookup_benchmark --database configured # into the configured database (kept)
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max, Model
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from caselog.accounts.models import Role, User
from caselog.devices.models import CustomerPhone, Device, Product, ProductLine
from caselog.devices.selectors import customer_lookup

SERIAL_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
BATCH = 20_000
PREFIX = "bench"


def bench_serial(n: int) -> str:
    chars = []
    for _position in range(8):
        n, index = divmod(n, len(SERIAL_ALPHABET))
        chars.append(SERIAL_ALPHABET[index])
    return "BX" + "".join(reversed(chars)) + "QK"


def bench_phone(n: int) -> str:
    return f"+49151{n:08d}"


def typed_phone(n: int, style: int) -> str:
    """The same number the way people type it: international, national with spaces, 0049..."""
    digits = f"{n:08d}"
    return [
        bench_phone(n),
        f"0151 {digits[:4]} {digits[4:]}",
        f"+49 (151) {digits[:3]}-{digits[3:]}",
        f"0049151{digits}",
    ][style % 4]


class Command(BaseCommand):
    help = "Time the console look-up at a million customers and devices; prints JSON (p50/p99, DB size)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rows", type=int, default=1_000_000, help="customers, and as many devices")
        parser.add_argument("--queries", type=int, default=2000)
        parser.add_argument(
            "--database",
            choices=["throwaway", "configured"],
            default="throwaway",
            help="throwaway: a fresh database of the configured engine, dropped afterwards",
        )
        parser.add_argument(
            "--keep",
            action="store_true",
            help="keep the throw-away database afterwards, and reuse it when it is already there (no rebuild)",
        )
        parser.add_argument("--migrate", action="store_true", help=argparse_suppress())

    def handle(self, *args: Any, **options: Any) -> None:
        if options["database"] == "throwaway":
            self._run_throwaway(options)
            return
        if options["migrate"]:
            call_command("migrate", verbosity=0, interactive=False)
        started = time.perf_counter()
        created = self._generate(options["rows"])
        generate_seconds = time.perf_counter() - started
        result = self._measure(options["rows"], options["queries"])
        result.update({"rows_created": created, "generate_seconds": round(generate_seconds, 1)})
        self.stdout.write(json.dumps(result, indent=2))

    # A fresh database ---------------------------------------------------------------------

    def _run_throwaway(self, options: dict[str, Any]) -> None:
        engine = settings.DATABASES["default"]["ENGINE"]
        base = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "lookup_benchmark"]
        child_args = ["--database", "configured", "--migrate", "--rows", str(options["rows"])]
        child_args += ["--queries", str(options["queries"])]
        env = dict(os.environ)
        if engine.endswith("sqlite3"):
            path = Path(settings.VAR_DIR) / "lookup-benchmark.sqlite3"
            if not options["keep"]:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
            env["DATABASE_URL"] = f"sqlite:///{path}"
            try:
                subprocess.run([*base, *child_args], env=env, check=True)  # noqa: S603
            finally:
                if not options["keep"]:
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{path}{suffix}").unlink(missing_ok=True)
            return
        name = f"{settings.DATABASES['default']['NAME']}_lookup_benchmark"
        # The maintenance connection, as Django's test runner uses: the configured database may not exist.
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            exists = cursor.fetchone() is not None
            if exists and not options["keep"]:
                cursor.execute(f'DROP DATABASE "{name}"')
            if not exists or not options["keep"]:
                cursor.execute(f'CREATE DATABASE "{name}"')
        db = settings.DATABASES["default"]
        user = db.get("USER") or "postgres"
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        env["DATABASE_URL"] = (
            f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{name}"
        )
        try:
            subprocess.run([*base, *child_args], env=env, check=True)  # noqa: S603
        finally:
            if not options["keep"]:
                with connection._nodb_cursor() as cursor:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')

    # Rows -----------------------------------------------------------------------------------

    def _generate(self, rows: int) -> int:
        """Raw multi-row writes, not model saves: executemany on SQLite, COPY on PostgreSQL. The
        column values come from the models' own fields (get_db_prep_save), so the rows are what
        the ORM would have written; only the per-row values (ids, email, phone, serial) vary."""
        line, _ = ProductLine.objects.get_or_create(slug="bench-phones", defaults={"names": {"en": "Bench phones"}})
        product, _ = Product.objects.get_or_create(
            slug="bench-phone", defaults={"line": line, "names": {"en": "Phone"}}
        )
        have = User.objects.filter(username__startswith=PREFIX).count()
        if have >= rows:
            return 0
        if have:  # an interrupted build: start again from a clean slate
            Device.objects.filter(product=product).delete()
            CustomerPhone.objects.filter(user__username__startswith=PREFIX).delete()
            User.objects.filter(username__startswith=PREFIX).delete()
        now = timezone.now()
        first_id = (User.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        users = _RowTemplate(
            User(password="!", locale="de", date_joined=now, is_active=True), vary=["id", "username", "email", "phone"]
        )
        phones = _RowTemplate(CustomerPhone(), vary=["user_id", "e164"])
        devices = _RowTemplate(
            Device(product=product, created_at=now, purchase_date_source=Device.PurchaseDateSource.UNKNOWN),
            vary=["serial", "owner_id"],
        )
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous = OFF")  # a throw-away build: no fsync per batch
        for start in range(0, rows, BATCH):
            stop = min(start + BATCH, rows)
            with transaction.atomic():
                users.write(
                    (
                        first_id + i,
                        f"{PREFIX}{i}",
                        f"{PREFIX}{i}@Example.net" if i % 2 else f"{PREFIX}{i}@example.net",
                        bench_phone(i),
                    )
                    for i in range(start, stop)
                )
                phones.write((first_id + i, bench_phone(i)) for i in range(start, stop))
                devices.write((bench_serial(i), first_id + i) for i in range(start, stop))
            if stop % 100_000 == 0 or stop == rows:
                self.stderr.write(f"{stop} customers and devices")
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [User]):
                cursor.execute(sql)  # PostgreSQL: the next signed-up user gets an id after ours
            cursor.execute("ANALYZE")  # fresh statistics, as a running system has
        return rows - have

    # Timing ---------------------------------------------------------------------------------

    def _measure(self, rows: int, queries: int) -> dict[str, Any]:
        agent, created = User.objects.get_or_create(
            email="lookup-agent@example.org", defaults={"username": "lookup-agent", "locale": "de"}
        )
        if created:
            from caselog.accounts.roles import roles_sync

            roles_sync()
            agent.groups.add(Group.objects.get(name=Role.AGENT))
        agent = User.objects.get(pk=agent.pk)
        rng = random.Random(42)
        kinds = ["email", "phone", "serial", "miss"]
        wall: dict[str, list[float]] = {kind: [] for kind in kinds}
        cpu: dict[str, list[float]] = {kind: [] for kind in kinds}
        for number in range(queries + 50):
            kind = kinds[number % len(kinds)]
            query = self._query(kind, rng.randrange(rows), number)
            started, started_cpu = time.perf_counter(), time.thread_time()
            result = customer_lookup(user=agent, query=query)
            elapsed, elapsed_cpu = time.perf_counter() - started, time.thread_time() - started_cpu
            if kind != "miss" and not result.customers:
                raise CommandError(f"{kind} look-up missed {query!r}")
            if number >= 50:  # the first ones warm caches and connections
                wall[kind].append(elapsed * 1000)
                cpu[kind].append(elapsed_cpu * 1000)
        every_wall = sorted(value for values in wall.values() for value in values)
        every_cpu = sorted(value for values in cpu.values() for value in values)
        size = self._db_size()
        return {
            "engine": connection.vendor,
            "server_version": self._server_version(),
            "customers": User.objects.filter(username__startswith=PREFIX).count(),
            "devices": Device.objects.count(),
            "lookups_timed": len(every_wall),
            "p50_ms": round(statistics.median(every_wall), 2),
            "p99_ms": _p99(every_wall),
            "max_ms": round(every_wall[-1], 2),
            "p99_ms_by_kind": {kind: _p99(sorted(values)) for kind, values in wall.items() if values},
            "cpu_p50_ms": round(statistics.median(every_cpu), 2),
            "cpu_p99_ms": _p99(every_cpu),
            "cpu_p99_ms_by_kind": {kind: _p99(sorted(values)) for kind, values in cpu.items() if values},
            "load_average_1m_at_end": round(os.getloadavg()[0], 2),
            "cpus": os.cpu_count(),
            "queries_per_lookup": self._plans(agent, rows),
            "db_size_bytes": size,
            "db_size_mb": round(size / 1024 / 1024, 1),
        }

    @staticmethod
    def _query(kind: str, i: int, number: int) -> str:
        return {
            "email": f"{PREFIX}{i}@EXAMPLE.net" if number % 8 < 4 else f"{PREFIX.upper()}{i}@example.NET",
            "phone": typed_phone(i, number // 4),
            "serial": bench_serial(i).lower(),
            "miss": f"nobody{i}@example.org",
        }[kind]

    def _plans(self, agent: User, rows: int) -> dict[str, Any]:
        """The SQL each kind of look-up issues, and the database's plan for it."""
        plans: dict[str, Any] = {}
        explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        for kind in ["email", "phone", "serial", "miss"]:
            with CaptureQueriesContext(connection) as captured:
                customer_lookup(user=agent, query=self._query(kind, rows // 2, 0))
            steps = []
            for query in captured.captured_queries:
                with connection.cursor() as cursor:
                    cursor.execute(explain + query["sql"])
                    plan = [" ".join(str(part) for part in row[-1:]) for row in cursor.fetchall()]
                steps.append({"sql": query["sql"][:400], "plan": plan})
            plans[kind] = {"queries": len(captured.captured_queries), "steps": steps}
        return plans

    def _server_version(self) -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version")
            return str(cursor.fetchone()[0])

    def _db_size(self) -> int:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT pg_database_size(current_database())")
                return int(cursor.fetchone()[0])
            cursor.execute("PRAGMA page_count")
            pages = int(cursor.fetchone()[0])
            cursor.execute("PRAGMA page_size")
            return pages * int(cursor.fetchone()[0])


def _p99(ordered: list[float]) -> float:
    return round(ordered[max(0, int(len(ordered) * 0.99) - 1)], 2)


class _RowTemplate:
    """Rows of one model's table: the fixed columns prepared once from a template instance, the
    varying ones filled per row. Written with executemany (SQLite) or COPY (PostgreSQL)."""

    def __init__(self, template: Model, *, vary: list[str]) -> None:
        meta = template._meta
        fields = [f for f in meta.concrete_fields if f.attname in vary or not f.primary_key]
        self.table = meta.db_table
        self.columns = [str(f.column) for f in fields]
        fixed = {f.attname: f.get_db_prep_save(getattr(template, f.attname), connection) for f in fields}
        self.slots = [vary.index(f.attname) if f.attname in vary else None for f in fields]
        self.fixed = [fixed[f.attname] for f in fields]

    def rows(self, values: Iterable[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
        for row in values:
            yield tuple(self.fixed[n] if slot is None else row[slot] for n, slot in enumerate(self.slots))

    def write(self, values: Iterable[tuple[Any, ...]]) -> None:
        quote = connection.ops.quote_name
        columns = ", ".join(quote(column) for column in self.columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                raw = cursor.cursor  # psycopg 3
                with raw.copy(f"COPY {quote(self.table)} ({columns}) FROM STDIN") as copy:
                    for row in self.rows(values):
                        copy.write_row(row)
                return
            placeholders = ", ".join(["%s"] * len(self.columns))
            sql = f"INSERT INTO {quote(self.table)} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names from the model
            cursor.executemany(sql, list(self.rows(values)))


def argparse_suppress() -> str:
    import argparse

    return argparse.SUPPRESS
