"""Schemathesis against the live schema (/api/v1/openapi.json, served by the app itself): every
operation, a bounded number of generated requests each (SCHEMATHESIS_MAX_EXAMPLES, default 25),
with a token holding every scope. No 5xx, and every answer must match the schema."""

from __future__ import annotations

import os
import uuid
from typing import Any

from benchmarks.api_fuzz import fuzz_known_values, schema_fuzz
from caselog.api.models import ApiScope, WebhookDelivery
from caselog.api.services import webhook_subscription_create
from caselog.api.tests.conftest import token_for

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "25"))


def test_every_operation_answers_generated_requests_within_its_schema(
    settings: Any, maria: Any, alice_case: Any, alice_iphone: Any
) -> None:
    settings.API_TOKEN_RATE_LIMIT = settings.API_PUBLIC_RATE_LIMIT = 1_000_000  # the run must not be throttled
    settings.SEARCH_SUGGEST_RATE_LIMIT = 1_000_000
    token = token_for(maria, *ApiScope.values)
    subscription, _secret = webhook_subscription_create(
        actor=maria, url="https://hooks.example.com/x", events=["case.created"]
    )
    WebhookDelivery.objects.create(subscription=subscription, event="case.created", event_id=uuid.uuid4(), payload={})
    known = fuzz_known_values(owner=maria)
    assert {"number", "serial", "pk", "customer_id"} <= set(known)
    results = schema_fuzz(token=token, max_examples=MAX_EXAMPLES, seed=0, known=known)
    assert len(results) >= 15
    failures = {result.operation: result.failure for result in results if result.failure}
    assert failures == {}
    assert all(result.examples > 0 for result in results)
    # The token really is accepted: operations behind it are exercised, not only answered 401.
    statuses = {result.operation: result.statuses for result in results}
    for operation in ("GET /api/v1/cases", "GET /api/v1/customers", "GET /api/v1/webhooks"):
        assert any(200 <= status < 300 for status in statuses[operation]), operation
