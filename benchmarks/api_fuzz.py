"""Property-based checks of the API against its own live schema with Schemathesis: every operation
gets generated requests (valid and invalid ones), sent through the WSGI application in this
process, and every answer is checked (no 5xx, status code and body as documented, ...).

Used by the test suite (a bounded run) and by `manage.py api_fuzz_benchmark` (a longer one).
The run shares the caller's database transaction, so the caller can roll everything back."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import positive_data_acceptance

SCHEMA_PATH = "/api/v1/openapi.json"
# "Schema-valid request rejected" flags every 4xx for a request the schema alone allows, but an
# unknown request type, a forged cursor or a closed case are well-formed and still wrong: the
# answer there is a documented 4xx error body, which the other checks still validate.
EXCLUDED_CHECKS = [positive_data_acceptance]


@dataclass
class OperationResult:
    operation: str
    examples: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    failure: str = ""


@contextmanager
def connection_kept_open() -> Iterator[None]:
    """Like Django's test client: the WSGI handler must not close the connection after each
    request, or the caller's transaction (and a test's database) would be gone."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def fuzz_known_values(*, owner: Any) -> dict[str, list[Any]]:
    """Real path parameters the owner may reach: generated strings alone would mostly meet 404s."""
    from caselog.api.models import WebhookDelivery, WebhookSubscription
    from caselog.cases.models import Case
    from caselog.devices.models import Device
    from caselog.knowledge.models import Article
    from caselog.repairs.models import RepairOrder

    cases = list(Case.objects.exclude(number=None).order_by("pk").values_list("number", flat=True)[:5])
    repairs = list(RepairOrder.objects.order_by("pk").values_list("number", flat=True)[:5])
    customers = list(Case.objects.exclude(customer=None).order_by("pk").values_list("customer_id", flat=True)[:5])
    subscriptions = list(WebhookSubscription.objects.filter(owner=owner).values_list("pk", flat=True)[:5])
    values: dict[str, list[Any]] = {
        "number": cases + repairs,
        "serial": list(Device.objects.order_by("pk").values_list("serial", flat=True)[:5]),
        "slug": list(Article.objects.order_by("pk").values_list("slug", flat=True)[:5]),
        "customer_id": customers,
        "account_id": customers,
        "pk": subscriptions
        + list(WebhookDelivery.objects.filter(subscription__owner=owner).values_list("pk", flat=True)[:5]),
    }
    return {name: found for name, found in values.items() if found}


def schema_fuzz(
    *, token: str, max_examples: int, seed: int | None = None, known: dict[str, list[Any]] | None = None
) -> list[OperationResult]:
    """Run every operation of the live schema with up to `max_examples` generated requests; every
    other request of an operation with path parameters uses `known` values for them."""
    app = get_wsgi_application()
    headers = {"Authorization": f"Bearer {token}"}
    results = []
    with connection_kept_open():
        schema = schemathesis.openapi.from_wsgi(SCHEMA_PATH, app)
        for loaded in schema.get_all_operations():
            if isinstance(loaded, Err):  # the schema itself is wrong for this operation
                results.append(OperationResult(operation="(schema)", failure=str(loaded.err())[:4000]))
                continue
            results.append(
                _operation_fuzz(loaded.ok(), headers=headers, max_examples=max_examples, seed=seed, known=known or {})
            )
    return results


def _operation_fuzz(
    operation: Any, *, headers: dict[str, str], max_examples: int, seed: int | None, known: dict[str, list[Any]]
) -> OperationResult:
    result = OperationResult(operation=f"{operation.method.upper()} {operation.path}")

    @hypothesis_settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=seed is not None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        result.examples += 1
        case.headers = {**(case.headers or {}), **headers}
        if case.path_parameters and result.examples % 2:
            for name in case.path_parameters:
                if name in known:
                    case.path_parameters[name] = known[name][(result.examples // 2) % len(known[name])]
        # Each request in its own savepoint: on PostgreSQL one failed statement would otherwise
        # abort the whole run's transaction and turn every later answer into a 500.
        with transaction.atomic():
            response = case.call_and_validate(excluded_checks=EXCLUDED_CHECKS)
        result.statuses[response.status_code] = result.statuses.get(response.status_code, 0) + 1

    try:
        run()
    except Unsatisfiable:
        pass
    except (Exception, BaseExceptionGroup) as error:  # the failure, shrunk by Hypothesis to its smallest example
        result.failure = f"{type(error).__name__}: {error}"[:4000]
    return result


def fuzz_summary(results: list[OperationResult], *, seconds: float) -> dict[str, Any]:
    return {
        "operations": len(results),
        "requests": sum(result.examples for result in results),
        "seconds": round(seconds, 1),
        "failures": [{"operation": r.operation, "failure": r.failure} for r in results if r.failure],
        "statuses": {r.operation: {str(code): count for code, count in sorted(r.statuses.items())} for r in results},
    }


def timed_schema_fuzz(
    *, token: str, max_examples: int, seed: int | None = None, known: dict[str, list[Any]] | None = None
) -> dict[str, Any]:
    started = time.perf_counter()
    results = schema_fuzz(token=token, max_examples=max_examples, seed=seed, known=known)
    return fuzz_summary(results, seconds=time.perf_counter() - started)
