"""Reads for a user. What a user may see is decided here once: staff agents see every device
and customer, partner agents only those of devices sold through their organisation, customers
their own devices. Anything else is a 404, the same answer as "does not exist"."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from caselog.accounts.models import Role, User
from caselog.devices.diagnostics import Reading, measurements_known, readings
from caselog.devices.models import (
    AccessibilityProfile,
    AccountService,
    AccountServiceState,
    Component,
    CoveragePlan,
    CustomerPhone,
    Device,
    DeviceEvent,
    DiagnosticRequest,
    DiagnosticResult,
    ProofOfPurchase,
    serial_normalise,
    serial_validate,
)

STAFF_PERMISSION = "cases.work_case"
# Regions tried, after the agent's own, for a number typed without its country code.
LOOKUP_FALLBACK_REGIONS = ("RU", "DE", "US", "GB")
REGION_FOR_LOCALE = {"ru": "RU", "de": "DE", "en": "US"}


def is_partner_scoped(user: User) -> bool:
    return user.partner_id is not None or Role.PARTNER_AGENT in user.role_names


def is_console_user(user: User) -> bool:
    return user.is_authenticated and user.has_perm(STAFF_PERMISSION)


def device_list_visible_to(*, user: User) -> QuerySet[Device]:
    devices = Device.objects.select_related("product__line", "plan", "partner")
    if not user.is_authenticated:
        return devices.none()
    if is_console_user(user):
        if is_partner_scoped(user):
            return devices.filter(partner_id=user.partner_id) if user.partner_id else devices.none()
        return devices
    return devices.filter(owner=user)


def device_for_user(*, user: User, serial: str) -> Device:
    return get_object_or_404(device_list_visible_to(user=user), serial=serial_normalise(serial))


def device_owned_by(*, user: User, serial: str) -> Device:
    """The customer's own device (the customer pages), whatever roles they also hold."""
    return get_object_or_404(
        Device.objects.select_related("product__line", "plan"), owner=user, serial=serial_normalise(serial)
    )


def device_list_owned(*, user: User) -> QuerySet[Device]:
    return Device.objects.select_related("product__line", "plan").filter(owner=user).order_by("serial")


def customer_list_visible_to(*, user: User) -> QuerySet[User]:
    customers = User.objects.all()
    if not is_console_user(user):
        return customers.none()
    if is_partner_scoped(user):
        if not user.partner_id:
            return customers.none()
        return customers.filter(devices__partner_id=user.partner_id).distinct()
    return customers


def customer_for_user(*, user: User, pk: int) -> User:
    return get_object_or_404(customer_list_visible_to(user=user), pk=pk)


# Coverage --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    purchase_date: date | None
    purchase_date_valid: bool
    plan: CoveragePlan | None
    phone_support_until: date | None
    hardware_until: date | None
    today: date

    @property
    def phone_support_active(self) -> bool:
        return self.phone_support_until is not None and self.today <= self.phone_support_until

    @property
    def hardware_active(self) -> bool:
        return self.hardware_until is not None and self.today <= self.hardware_until

    def as_public_dict(self) -> dict[str, Any]:
        """What anyone with the serial may know: dates and states, nothing about the owner."""
        return {
            "purchase_date_valid": self.purchase_date_valid,
            "phone_support": {
                "active": self.phone_support_active,
                "until": self.phone_support_until.isoformat() if self.phone_support_until else None,
            },
            "hardware_coverage": {
                "active": self.hardware_active,
                "until": self.hardware_until.isoformat() if self.hardware_until else None,
            },
            "plan": self.plan.name if self.plan else None,
        }


def coverage_for(*, device: Device, today: date | None = None) -> Coverage:
    """Coverage runs from the validated purchase date: the line's periods, or the plan's when longer.
    The last covered day is purchase date + period - 1 day."""
    today = today or timezone.localdate()
    line = device.product.line
    plan = device.plan
    if not device.purchase_date_valid or device.purchase_date is None:
        return Coverage(device.purchase_date, False, plan, None, None, today)
    phone_days = max(line.phone_support_days, plan.phone_support_days if plan else 0)
    warranty_days = max(line.warranty_days, plan.warranty_days if plan else 0)
    start = device.purchase_date
    return Coverage(
        purchase_date=start,
        purchase_date_valid=True,
        plan=plan,
        phone_support_until=start + timedelta(days=phone_days - 1) if phone_days else None,
        hardware_until=start + timedelta(days=warranty_days - 1) if warranty_days else None,
        today=today,
    )


@dataclass(frozen=True)
class CoverageAnswer:
    """The public coverage check: `problem` explains a malformed or unknown serial."""

    serial: str
    problem: str = ""
    problem_code: str = ""
    device: Device | None = None
    coverage: Coverage | None = None

    def as_public_dict(self) -> dict[str, Any]:
        if self.device is None or self.coverage is None:
            return {
                "serial": self.serial,
                "found": False,
                "error": {"code": self.problem_code, "message": self.problem},
            }
        return {
            "serial": self.serial,
            "found": True,
            "product": self.device.product.name,
            **self.coverage.as_public_dict(),
        }


def unknown_serial_message() -> str:
    """Also the answer for a device the asker may not see: the same words as "does not exist"."""
    from django.utils.translation import gettext as _

    return _(
        "We could not find a device with this serial number. Check it against the box label or "
        "the device's settings; a letter that looks like a digit is the most common mix-up."
    )


def coverage_check(*, raw_serial: str, today: date | None = None) -> CoverageAnswer:
    serial = serial_normalise(raw_serial)[:40]
    try:
        serial_validate(serial)
    except ValidationError as error:
        return CoverageAnswer(serial=serial, problem=" ".join(error.messages), problem_code=error.code or "invalid")
    device = Device.objects.select_related("product__line", "plan").filter(serial=serial).first()
    if device is None:
        return CoverageAnswer(serial=serial, problem=unknown_serial_message(), problem_code="unknown_serial")
    return CoverageAnswer(serial=serial, device=device, coverage=coverage_for(device=device, today=today))


# Device page -----------------------------------------------------------------------------


def device_history(*, device: Device) -> QuerySet[DeviceEvent]:
    return device.events.select_related("actor").order_by("-occurred_at", "-id")


@dataclass(frozen=True)
class ComponentStatus:
    component: str
    label: str
    result: str
    result_label: str
    measurements: dict[str, Any]
    readings: list[Reading]
    ran_at: Any


def diagnostics_latest_by_component(*, device: Device) -> list[ComponentStatus]:
    """Each component's most recent result across all reports, in the components' order."""
    latest: dict[str, DiagnosticResult] = {}
    results = (
        DiagnosticResult.objects.filter(report__device=device)
        .select_related("report")
        .order_by("-report__ran_at", "-report_id")
    )
    for result in results[:500]:
        latest.setdefault(result.component, result)
    labels = dict(Component.choices)
    return [
        ComponentStatus(
            component=component,
            label=str(labels[component]),
            result=latest[component].result,
            result_label=latest[component].get_result_display(),
            measurements=measurements_known(component, latest[component].measurements),
            readings=readings(component, latest[component].measurements),
            ran_at=latest[component].report.ran_at,
        )
        for component in Component.values
        if component in latest
    ]


def receipt_list(*, device: Device) -> QuerySet[ProofOfPurchase]:
    return device.receipts.select_related("uploaded_by", "reviewed_by")


def receipt_for_user(*, user: User, pk: int) -> ProofOfPurchase:
    """The owner and the staff who may see the device may open its receipt."""
    receipt = get_object_or_404(ProofOfPurchase.objects.select_related("device"), pk=pk)
    if receipt.device.owner_id == user.pk:
        return receipt
    if device_list_visible_to(user=user).filter(pk=receipt.device_id).exists() and is_console_user(user):
        return receipt
    raise Http404


def diagnostic_request_open(*, device: Device) -> DiagnosticRequest | None:
    return device.diagnostic_requests.filter(
        status__in=[DiagnosticRequest.Status.AWAITING_CONSENT, DiagnosticRequest.Status.CONSENTED]
    ).first()


def diagnostic_request_for_owner(*, user: User, pk: int) -> DiagnosticRequest:
    return get_object_or_404(DiagnosticRequest.objects.select_related("device"), pk=pk, device__owner=user)


# Customers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceStatus:
    service: str
    label: str
    enabled: bool
    reason: str
    changed_at: Any


def account_services_for(*, customer: User) -> list[ServiceStatus]:
    states = {state.service: state for state in AccountServiceState.objects.filter(user=customer)}
    return [
        ServiceStatus(
            service=value,
            label=str(label),
            enabled=states[value].enabled if value in states else True,
            reason=states[value].reason if value in states else "",
            changed_at=states[value].changed_at if value in states else None,
        )
        for value, label in AccountService.choices
    ]


def accessibility_profile_for(*, user: User) -> AccessibilityProfile | None:
    return AccessibilityProfile.objects.filter(user=user).first()


def customer_needs_accessibility(*, user: User) -> bool:
    """True when the customer recorded at least one communication need (routing uses this)."""
    if not user.is_authenticated:
        return False
    profile = accessibility_profile_for(user=user)
    return bool(profile and profile.needs)


# Look-up ---------------------------------------------------------------------------------


def phone_candidates(*, raw: str, regions: tuple[str, ...] = ()) -> list[str]:
    """The E.164 forms a typed number could mean: as written when it has a country code, else in
    the given regions and then the fallback ones. Returns [] when it is no valid number anywhere."""
    text = raw.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    found: list[str] = []
    tried = (None,) if text.startswith("+") else tuple(dict.fromkeys((*regions, *LOOKUP_FALLBACK_REGIONS)))
    for region in tried:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            if e164 not in found:
                found.append(e164)
    return found


def phone_normalise(*, raw: str, region: str | None = None) -> str:
    """The one E.164 form of a stored profile number, or "" when it is not a valid number."""
    candidates = phone_candidates(raw=raw, regions=(region,) if region else ())
    return candidates[0] if candidates else ""


@dataclass
class LookupResult:
    query: str
    kind: str  # "email", "phone", "serial", "empty" or "invalid"
    customers: list[User] = field(default_factory=list)
    devices_unowned: list[Device] = field(default_factory=list)
    message: str = ""


def customer_lookup(*, user: User, query: str) -> LookupResult:
    """One search box: an email, a phone number in any common format, or a serial number.
    Each branch is an exact match on an indexed column, so it stays fast at millions of rows."""
    from django.utils.translation import gettext as _

    text = query.strip()[:100]
    if not text:
        return LookupResult(query=text, kind="empty")
    if not is_console_user(user):
        return LookupResult(query=text, kind="empty")
    visible_customers = customer_list_visible_to(user=user)
    if "@" in text:
        # One equality on the LOWER(email) index (migration 0003), whatever the case typed or stored.
        matching = visible_customers.annotate(email_lower=Lower("email")).filter(email_lower=text.lower())
        return _lookup_result(user, text, "email", matching)
    serial = serial_normalise(text)
    if any(char.isalpha() for char in serial):
        # The device and its owner in one query on the serial's unique index; the owner of a
        # device the user may see is a customer the user may see (partner scoping included).
        devices = device_list_visible_to(user=user).select_related(None).select_related("product", "owner")
        device_list = list(devices.filter(serial=serial))
        owners = {device.owner_id: device.owner for device in device_list if device.owner is not None}
        customers = list(owners.values())
        prefetch_related_objects(customers, _visible_devices_prefetch(user))
        return LookupResult(
            query=text,
            kind="serial",
            customers=customers,
            devices_unowned=[device for device in device_list if device.owner_id is None],
        )
    region = REGION_FOR_LOCALE.get((user.locale or "")[:2], "")
    candidates = phone_candidates(raw=text, regions=(region,) if region else ())
    if not candidates:
        return LookupResult(
            query=text,
            kind="invalid",
            message=_("Enter an email address, a phone number with its area code, or a serial number."),
        )
    user_ids = CustomerPhone.objects.filter(e164__in=candidates).values("user_id")
    return _lookup_result(user, text, "phone", visible_customers.filter(pk__in=user_ids))


def _visible_devices_prefetch(user: User) -> Prefetch[Any, Any, Any]:
    """The customers' devices the user may see, with only what the result lists (product, serial)."""
    devices = device_list_visible_to(user=user).select_related(None).select_related("product").order_by("serial")
    return Prefetch("devices", queryset=devices, to_attr="visible_devices")


def _lookup_result(user: User, text: str, kind: str, customers: QuerySet[User]) -> LookupResult:
    """Two queries whatever the size of the tables: the customers, then their visible devices."""
    found: list[User] = list(customers.prefetch_related(_visible_devices_prefetch(user)).order_by("email")[:20])
    return LookupResult(query=text, kind=kind, customers=found)


def lookup_region_for(user: User) -> str:
    return REGION_FOR_LOCALE.get((user.locale or settings.LANGUAGE_CODE)[:2], "")
