"""The long Schemathesis run: every operation of the live schema with many generated requests,
on this database, as a manager with every scope. Everything it writes is rolled back at the end.
Prints JSON: operations, requests, seconds, failures and the status codes seen per operation."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test.utils import override_settings

from benchmarks.api_fuzz import fuzz_known_values, fuzz_summary, schema_fuzz
from caselog.accounts.models import User
from caselog.api.models import ApiScope, ApiToken, WebhookDelivery
from caselog.api.services import TOKEN_PREFIX, token_hash, webhook_subscription_create


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Fuzz the API against its live OpenAPI schema with Schemathesis; print JSON figures."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--examples", type=int, default=200, help="generated requests per operation")
        parser.add_argument("--seed", type=int, default=None, help="a fixed seed repeats the same run")

    def handle(self, *args: Any, **options: Any) -> None:
        owner = (
            User.objects.filter(is_active=True, groups__permissions__codename="manage_apitoken").order_by("pk").first()
        )
        if owner is None:
            raise CommandError("No active user may manage API tokens; run `manage.py seed_demo` first.")
        summary: dict[str, Any] = {}
        started = time.perf_counter()
        try:
            with transaction.atomic(), override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "localhost"]):
                raw = f"{TOKEN_PREFIX}fuzz-benchmark"
                ApiToken.objects.create(
                    name="Schemathesis",
                    owner=owner,
                    scopes=ApiScope.values,
                    prefix=raw[:10],
                    token_hash=token_hash(raw),
                )
                subscription, _secret = webhook_subscription_create(
                    actor=owner, url="https://hooks.example.com/fuzz", events=["case.created"]
                )
                WebhookDelivery.objects.create(
                    subscription=subscription, event="case.created", event_id=uuid.uuid4(), payload={}
                )
                with override_settings(
                    API_TOKEN_RATE_LIMIT=10**9, API_PUBLIC_RATE_LIMIT=10**9, SEARCH_SUGGEST_RATE_LIMIT=10**9
                ):
                    results = schema_fuzz(
                        token=raw,
                        max_examples=options["examples"],
                        seed=options["seed"],
                        known=fuzz_known_values(owner=owner),
                    )
                summary = fuzz_summary(results, seconds=time.perf_counter() - started)
                raise Rollback
        except Rollback:
            pass
        summary["examples_per_operation"] = options["examples"]
        summary["database"] = transaction.get_connection().vendor
        self.stdout.write(json.dumps(summary, indent=2))
        if summary["failures"]:
            raise CommandError(f"{len(summary['failures'])} operations failed")
