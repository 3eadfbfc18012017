"""The devices app's REST endpoints, mounted by caselog.api under /api/v1/."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import Throttled
from pydantic import ValidationInfo, field_validator

from caselog.core.clients import client_address
from caselog.core.ratelimit import rate_limit_wait
from caselog.core.rest import ApiError, ErrorOut, IdempotencyKey, idempotent, token_auth, token_owner
from caselog.devices import selectors, services
from caselog.devices.diagnostics import measurement_problems, measurements_known
from caselog.devices.models import Component, Device, DiagnosticReport

router = Router(tags=["devices"])

CLOCK_SKEW = timedelta(minutes=5)


class ComponentIn(Schema):
    component: Component
    result: DiagnosticReport.Result
    measurements: dict[str, float | int | bool | str] = Field(default_factory=dict, max_length=30)

    @field_validator("measurements")
    @classmethod
    def measurements_are_known_for_the_component(
        cls, value: dict[str, float | int | bool | str], info: ValidationInfo
    ) -> dict[str, float | int | bool | str]:
        problems = measurement_problems(str(info.data.get("component", "")), value)
        if problems:
            raise ValueError("; ".join(problems))
        return value


class DiagnosticsIn(Schema):
    ran_at: datetime | None = Field(None, description="When the tests ran (ISO 8601 with time zone); default now")
    tool: str = Field("", max_length=80)
    results: list[ComponentIn] = Field(..., min_length=1, max_length=len(Component.values))

    @field_validator("ran_at")
    @classmethod
    def ran_at_is_aware_and_past(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return value
        if value.tzinfo is None:
            raise ValueError("give a time zone, e.g. 2026-01-31T10:00:00Z")
        if value > timezone.now() + CLOCK_SKEW:
            raise ValueError("cannot be in the future")
        # In UTC: an offset such as -19:40 is valid ISO 8601 but PostgreSQL cannot store it.
        return value.astimezone(UTC)


class ComponentOut(Schema):
    component: str
    result: str
    measurements: dict[str, float | int | bool]


class DiagnosticsOut(Schema):
    id: int
    serial: str
    ran_at: datetime
    request_id: int | None
    results: list[ComponentOut]


class ContentCountsIn(Schema):
    photos: int = Field(..., ge=0, le=10**9)
    contacts: int = Field(..., ge=0, le=10**9)
    notes: int = Field(..., ge=0, le=10**9)
    backup_bytes: int = Field(..., ge=0, le=10**16)


class ContentCountsOut(ContentCountsIn):
    account_id: int
    reported_at: datetime


class SupportWindowOut(Schema):
    active: bool
    until: str | None


class CoverageOut(Schema):
    serial: str
    found: bool
    product: str
    purchase_date_valid: bool
    phone_support: SupportWindowOut
    hardware_coverage: SupportWindowOut
    plan: str | None


ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut}


def _device(serial: str) -> Device:
    answer = selectors.coverage_check(raw_serial=serial)
    if answer.device is None:
        status = 404 if answer.problem_code == "unknown_serial" else 422
        raise ApiError(status, answer.problem_code or "invalid", answer.problem, {"serial": [answer.problem]})
    return answer.device


def _device_for_owner(request: HttpRequest, serial: str) -> Device:
    """The device if the token's owner may see it (a partner's token: devices sold through the
    partner); any other is answered exactly like an unknown serial."""
    device = _device(serial)
    if not selectors.device_list_visible_to(user=token_owner(request)).filter(pk=device.pk).exists():
        message = selectors.unknown_serial_message()
        raise ApiError(404, "unknown_serial", message, {"serial": [message]})
    return device


@router.post(
    "/devices/{serial}/diagnostics",
    response={201: DiagnosticsOut, **ERRORS},
    auth=token_auth("devices:diagnostics"),
    summary="Post a diagnostics report",
)
def diagnostics_post(
    request: HttpRequest, serial: str, payload: DiagnosticsIn, idempotency_key: IdempotencyKey = None
) -> tuple[int, dict[str, Any]]:
    device = _device_for_owner(request, serial)
    tool = payload.tool or str(getattr(request.auth, "name", "api"))  # type: ignore[attr-defined]

    def compute() -> tuple[int, dict[str, Any]]:
        report = services.diagnostic_report_ingest(
            device=device,
            tool=tool,
            ran_at=payload.ran_at or timezone.now(),
            results=[
                services.ComponentResultInput(
                    component=str(item.component), result=str(item.result), measurements=item.measurements
                )
                for item in payload.results
            ],
        )
        return 201, DiagnosticsOut(
            id=report.pk,
            serial=device.serial,
            ran_at=report.ran_at,
            request_id=report.request_id,
            results=[
                ComponentOut(
                    component=r.component, result=r.result, measurements=measurements_known(r.component, r.measurements)
                )
                for r in report.results.all()
            ],
        ).model_dump(mode="json")

    # A tool that lost the answer sends the same report again with the same key: stored once.
    return idempotent(request, idempotency_key, compute)


@router.post(
    "/accounts/{account_id}/content-counts",
    response={200: ContentCountsOut, **ERRORS},
    auth=token_auth("accounts:content-counts"),
    summary="Report how much an account holds (numbers only, never content)",
)
def content_counts_post(request: HttpRequest, account_id: int, payload: ContentCountsIn) -> ContentCountsOut:
    # Only an account the token's owner may see in the console (a partner: its own customers).
    user = selectors.customer_for_user(user=token_owner(request), pk=account_id)
    counts = services.content_counts_report(user=user, **payload.model_dump())
    return ContentCountsOut(
        account_id=user.pk,
        photos=counts.photos,
        contacts=counts.contacts,
        notes=counts.notes,
        backup_bytes=counts.backup_bytes,
        reported_at=counts.reported_at,
    )


class CoverageQuery(Schema):
    serial: str = Field("", description="The serial number as printed; spaces, dashes and lower case are fine")


def _coverage_limit(request: HttpRequest) -> None:
    # The same per-client budget as the public coverage page: together they are one way to probe serials.
    wait = rate_limit_wait(
        scope="coverage",
        ident=client_address(request) or "unknown",
        limit=settings.COVERAGE_CHECKS_PER_WINDOW,
        window=settings.COVERAGE_CHECK_WINDOW,
    )
    if wait:
        throttled = Throttled(wait=wait)
        # Say how long, as the page does (translated; the message is for a person reading it).
        throttled.message = _("Too many checks. Try again in %(seconds)d seconds.") % {"seconds": wait}
        raise throttled


@router.get(
    "/coverage",
    response={200: CoverageOut, **ERRORS},
    auth=None,
    summary="Public coverage check by serial number (what /coverage/ shows; no token, no personal data)",
)
def coverage_check(request: HttpRequest, params: Query[CoverageQuery]) -> CoverageOut:
    _coverage_limit(request)
    answer = selectors.coverage_check(raw_serial=params.serial)
    if answer.device is None:
        status = 404 if answer.problem_code == "unknown_serial" else 422
        raise ApiError(status, answer.problem_code or "invalid", answer.problem, {"serial": [answer.problem]})
    return CoverageOut(**answer.as_public_dict())


@router.get(
    "/coverage/{serial}",
    response={200: CoverageOut, **ERRORS},
    auth=token_auth("devices:read"),
    summary="Coverage of a device by serial number (no personal data)",
)
def coverage_get(request: HttpRequest, serial: str) -> CoverageOut:
    device = _device(serial)
    answer = selectors.coverage_check(raw_serial=device.serial)
    return CoverageOut(**answer.as_public_dict())


# --- a device as the console's device page shows it --------------------------------------------

HISTORY_CURSOR_SALT = "caselog.api.devices.history.cursor"


class CoverageStateOut(Schema):
    purchase_date_valid: bool
    phone_support: SupportWindowOut
    hardware_coverage: SupportWindowOut
    plan: str | None


class LatestResultOut(Schema):
    component: str
    result: str
    measurements: dict[str, float | int | bool]
    ran_at: datetime


class DeviceOut(Schema):
    serial: str
    product: str
    product_line: str
    owner_id: int | None
    sold_through: str | None = Field(None, description="The partner organisation that sold it; null if we did")
    purchase_date: date | None
    purchase_date_source: str
    coverage: CoverageStateOut
    diagnostics: list[LatestResultOut] = Field(..., description="Each component's latest result")


class HistoryEntryOut(Schema):
    id: int
    kind: str
    title: str
    detail: str
    occurred_at: datetime
    source: str = Field(..., description="The app that wrote it: devices, repairs, ...")
    reference: str


class HistoryPage(Schema):
    items: list[HistoryEntryOut]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null on the last")


class HistoryFilters(Schema):
    cursor: str = ""
    limit: int = Field(50, ge=1, le=200)


@router.get(
    "/devices/{serial}",
    response={200: DeviceOut, **ERRORS},
    auth=token_auth("devices:read"),
    summary="A device the token's owner may see: product, purchase date, coverage, latest diagnostics",
)
def device_get(request: HttpRequest, serial: str) -> DeviceOut:
    device = _device_for_owner(request, serial)
    coverage = selectors.coverage_for(device=device).as_public_dict()
    return DeviceOut(
        serial=device.serial,
        product=device.product.name,
        product_line=device.product.line.name,
        owner_id=device.owner_id,
        sold_through=device.partner.name if device.partner_id and device.partner else None,
        purchase_date=device.purchase_date,
        purchase_date_source=device.purchase_date_source,
        coverage=CoverageStateOut(**coverage),
        diagnostics=[
            LatestResultOut(
                component=item.component,
                result=item.result,
                measurements=measurements_known(item.component, item.measurements),
                ran_at=item.ran_at,
            )
            for item in selectors.diagnostics_latest_by_component(device=device)
        ],
    )


@router.get(
    "/devices/{serial}/history",
    response={200: HistoryPage, 400: ErrorOut, **ERRORS},
    auth=token_auth("devices:read"),
    summary="The device's repair and service history, newest first, cursor-paginated",
)
def device_history(request: HttpRequest, serial: str, filters: Query[HistoryFilters]) -> dict[str, Any]:
    events = selectors.device_history(device=_device_for_owner(request, serial))
    if filters.cursor:
        try:
            moment, before = signing.loads(filters.cursor, salt=HISTORY_CURSOR_SALT)
            at = datetime.fromisoformat(moment)
            events = events.filter(Q(occurred_at__lt=at) | Q(occurred_at=at, pk__lt=int(before)))
        except (signing.BadSignature, TypeError, ValueError) as error:
            raise ApiError(400, "bad_cursor", "This cursor is not valid.", {"cursor": ["not valid"]}) from error
    page = list(events[: filters.limit + 1])
    more = len(page) > filters.limit
    page = page[: filters.limit]
    last = page[-1] if page else None
    return {
        "items": [
            HistoryEntryOut(
                id=event.pk,
                kind=event.kind,
                title=event.title,
                detail=event.detail,
                occurred_at=event.occurred_at,
                source=event.source,
                reference=event.reference,
            ).model_dump(mode="json")
            for event in page
        ],
        "next_cursor": signing.dumps([last.occurred_at.isoformat(), last.pk], salt=HISTORY_CURSOR_SALT)
        if more and last
        else None,
    }
