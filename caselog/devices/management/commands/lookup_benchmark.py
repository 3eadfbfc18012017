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
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from caselog.accounts.models import Role, User
from caselog.devices.models import CustomerPhone, Device, Product, ProductLine
from caselog.devices.selectors import customer_lookup

SERIAL_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
BATCH = 5000
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
        parser.add_argument("--keep", action="store_true", help="keep the throw-away database")
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
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
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
        line, _ = ProductLine.objects.get_or_create(slug="bench-phones", defaults={"names": {"en": "Bench phones"}})
        product, _ = Product.objects.get_or_create(
            slug="bench-phone", defaults={"line": line, "names": {"en": "Phone"}}
        )
        have = User.objects.filter(username__startswith=PREFIX).count()
        if have >= rows:
            return 0
        for start in range(have, rows, BATCH):
            stop = min(start + BATCH, rows)
            users = User.objects.bulk_create(
                User(
                    username=f"{PREFIX}{i}",
                    email=f"{PREFIX}{i}@example.net",
                    password="!",
                    locale="de",
                    phone=bench_phone(i),
                )
                for i in range(start, stop)
            )
            if not all(user.pk for user in users):  # backends without RETURNING
                users = list(
                    User.objects.filter(username__in=[f"{PREFIX}{i}" for i in range(start, stop)]).order_by("id")
                )
            CustomerPhone.objects.bulk_create(
                CustomerPhone(user_id=user.pk, e164=bench_phone(start + offset)) for offset, user in enumerate(users)
            )
            Device.objects.bulk_create(
                Device(
                    serial=bench_serial(start + offset),
                    product=product,
                    owner_id=user.pk,
                    purchase_date_source=Device.PurchaseDateSource.UNKNOWN,
                )
                for offset, user in enumerate(users)
            )
            if stop % 100_000 == 0 or stop == rows:
                self.stderr.write(f"{stop} customers and devices")
        with connection.cursor() as cursor:
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
        samples: dict[str, list[float]] = {"email": [], "phone": [], "serial": [], "miss": []}
        kinds = list(samples)
        for number in range(queries + 50):
            kind = kinds[number % len(kinds)]
            i = rng.randrange(rows)
            query = {
                "email": f"{PREFIX}{i}@Example.net",
                "phone": typed_phone(i, number),
                "serial": bench_serial(i).lower(),
                "miss": f"nobody{i}@example.org",
            }[kind]
            started = time.perf_counter()
            result = customer_lookup(user=agent, query=query)
            elapsed = (time.perf_counter() - started) * 1000
            if kind != "miss":
                assert result.customers, f"{kind} look-up missed {query!r}"
            if number >= 50:  # the first ones warm caches and connections
                samples[kind].append(elapsed)
        every = sorted(value for values in samples.values() for value in values)
        return {
            "engine": connection.vendor,
            "customers": User.objects.filter(username__startswith=PREFIX).count(),
            "devices": Device.objects.count(),
            "queries": len(every),
            "p50_ms": round(statistics.median(every), 2),
            "p99_ms": round(every[int(len(every) * 0.99) - 1], 2),
            "max_ms": round(every[-1], 2),
            "p99_ms_by_kind": {
                kind: round(sorted(values)[int(len(values) * 0.99) - 1], 2)
                for kind, values in samples.items()
                if values
            },
            "db_size_bytes": self._db_size(),
            "db_size_mb": round(self._db_size() / 1024 / 1024, 1),
        }

    def _db_size(self) -> int:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT pg_database_size(current_database())")
                return int(cursor.fetchone()[0])
            cursor.execute("PRAGMA page_count")
            pages = int(cursor.fetchone()[0])
            cursor.execute("PRAGMA page_size")
            return pages * int(cursor.fetchone()[0])


def argparse_suppress() -> str:
    import argparse

    return argparse.SUPPRESS
