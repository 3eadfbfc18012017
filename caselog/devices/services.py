"""Writes for devices and the account facts the console shows. Each service runs in one
transaction, checks its actor, audits staff actions and sends mail only after commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from caselog.accounts.models import User
from caselog.audit.services import audit_record
from caselog.devices.diagnostics import measurement_problems
from caselog.devices.models import (
    AccessibilityProfile,
    AccountContentCounts,
    AccountService,
    AccountServiceState,
    CommunicationNeed,
    Component,
    ContactMode,
    CustomerPhone,
    Device,
    DeviceEvent,
    DiagnosticReport,
    DiagnosticRequest,
    DiagnosticResult,
    ProofOfPurchase,
)
from caselog.devices.selectors import device_list_visible_to, is_console_user, phone_normalise
from caselog.devices.tasks import send_account_service_email, send_diagnostics_request_email

# What a receipt may be: the first bytes of the file decide, not the name the browser sent.
RECEIPT_SIGNATURES = {
    b"%PDF-": ("application/pdf", "pdf"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
}


def _check_staff_sees(*, actor: User, device: Device) -> None:
    if not is_console_user(actor) or not device_list_visible_to(user=actor).filter(pk=device.pk).exists():
        raise PermissionDenied


def customer_phone_sync(*, user: User) -> None:
    """Keep the look-up index in step with the number on the profile (an invalid one is not indexed)."""
    region = {"ru": "RU", "de": "DE", "en": "US"}.get((user.locale or "")[:2])
    e164 = phone_normalise(raw=user.phone, region=region) if user.phone else ""
    with transaction.atomic():
        if e164:
            CustomerPhone.objects.update_or_create(user=user, defaults={"e164": e164})
        else:
            CustomerPhone.objects.filter(user=user).delete()


def device_history_add(
    *,
    device: Device,
    kind: str,
    title: str,
    detail: str = "",
    occurred_at: datetime | None = None,
    actor: User | None = None,
    source: str = "devices",
    reference: str = "",
) -> DeviceEvent:
    """Add one entry to the device's service history. Higher apps (repairs) call this with their
    app label as `source` and their own id as `reference`; calling twice with the same reference
    returns the first entry, so their tasks may retry."""
    if kind not in DeviceEvent.Kind.values:
        raise ValueError(f"unknown device event kind {kind!r}")
    if reference:
        existing = DeviceEvent.objects.filter(device=device, source=source, reference=reference).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            return DeviceEvent.objects.create(
                device=device,
                kind=kind,
                title=title[:200],
                detail=detail,
                occurred_at=occurred_at or timezone.now(),
                actor=actor if actor is not None and actor.pk else None,
                source=source[:32],
                reference=reference[:64],
            )
    except IntegrityError:
        # Lost a race with another writer of the same reference: theirs is the entry.
        return DeviceEvent.objects.get(device=device, source=source, reference=reference)


def receipt_file_check(*, file: UploadedFile[Any]) -> str:
    """The content type of an acceptable receipt; ValidationError explains what is wrong."""
    if file.size is None or file.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if file.size > settings.RECEIPT_MAX_BYTES:
        raise ValidationError(
            _("The file is too large: at most %(limit)d MB."),
            code="too_large",
            params={"limit": settings.RECEIPT_MAX_BYTES // (1024 * 1024)},
        )
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    for signature, (content_type, _extension) in RECEIPT_SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    raise ValidationError(_("Upload the receipt as a PDF, JPEG or PNG file."), code="file_type")


def receipt_upload(
    *, device: Device, uploaded_by: User, file: UploadedFile[Any], claimed_purchase_date: date
) -> ProofOfPurchase:
    """The owner uploads a proof of purchase; an agent verifies it later."""
    if device.owner_id != uploaded_by.pk:
        raise PermissionDenied
    if claimed_purchase_date > timezone.localdate():
        raise ValidationError({"claimed_purchase_date": _("The purchase date cannot be in the future.")})
    content_type = receipt_file_check(file=file)
    extension = next(ext for ctype, ext in RECEIPT_SIGNATURES.values() if ctype == content_type)
    file.name = f"receipt.{extension}"
    with transaction.atomic():
        receipt = ProofOfPurchase.objects.create(
            device=device,
            uploaded_by=uploaded_by,
            file=file,
            content_type=content_type,
            claimed_purchase_date=claimed_purchase_date,
        )
        device_history_add(
            device=device,
            kind=DeviceEvent.Kind.PURCHASE,
            title=_("Proof of purchase uploaded (date on receipt: %(date)s)") % {"date": claimed_purchase_date},
            actor=uploaded_by,
            reference=f"receipt-{receipt.pk}-uploaded",
        )
    return receipt


def receipt_verify(*, receipt: ProofOfPurchase, actor: User, purchase_date: date) -> ProofOfPurchase:
    """An agent accepts the receipt; its date becomes the device's validated purchase date.
    The previous date stays in the history and the audit trail."""
    device = receipt.device
    _check_staff_sees(actor=actor, device=device)
    if receipt.status != ProofOfPurchase.Status.PENDING:
        raise ValidationError(_("This receipt has already been reviewed."), code="reviewed")
    if purchase_date > timezone.localdate():
        raise ValidationError({"purchase_date": _("The purchase date cannot be in the future.")})
    with transaction.atomic():
        before = {"purchase_date": device.purchase_date, "purchase_date_source": device.purchase_date_source}
        receipt.status = ProofOfPurchase.Status.VERIFIED
        receipt.verified_purchase_date = purchase_date
        receipt.reviewed_by = actor
        receipt.reviewed_at = timezone.now()
        receipt.save(update_fields=["status", "verified_purchase_date", "reviewed_by", "reviewed_at"])
        device.purchase_date = purchase_date
        device.purchase_date_source = Device.PurchaseDateSource.RECEIPT
        device.save(update_fields=["purchase_date", "purchase_date_source"])
        after = {"purchase_date": purchase_date, "purchase_date_source": device.purchase_date_source}
        audit_record(actor=actor, action="device.receipt_verify", target=device, before=before, after=after)
        device_history_add(
            device=device,
            kind=DeviceEvent.Kind.COVERAGE,
            title=_("Purchase date validated from the receipt: %(new)s (was %(old)s)")
            % {"new": purchase_date, "old": before["purchase_date"] or _("not validated")},
            actor=actor,
            reference=f"receipt-{receipt.pk}-verified",
        )
    return receipt


def receipt_reject(*, receipt: ProofOfPurchase, actor: User, note: str) -> ProofOfPurchase:
    """An agent rejects the receipt with a reason the customer sees."""
    _check_staff_sees(actor=actor, device=receipt.device)
    if receipt.status != ProofOfPurchase.Status.PENDING:
        raise ValidationError(_("This receipt has already been reviewed."), code="reviewed")
    with transaction.atomic():
        receipt.status = ProofOfPurchase.Status.REJECTED
        receipt.review_note = note[:300]
        receipt.reviewed_by = actor
        receipt.reviewed_at = timezone.now()
        receipt.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
        audit_record(actor=actor, action="device.receipt_reject", target=receipt.device, after={"note": note[:300]})
        device_history_add(
            device=receipt.device,
            kind=DeviceEvent.Kind.PURCHASE,
            title=_("Proof of purchase rejected: %(note)s") % {"note": note[:150]},
            actor=actor,
            reference=f"receipt-{receipt.pk}-rejected",
        )
    return receipt


def diagnostic_request_create(*, device: Device, actor: User) -> DiagnosticRequest:
    """An agent asks for a new diagnostics report; the owner is emailed to consent."""
    _check_staff_sees(actor=actor, device=device)
    if device.owner_id is None:
        raise ValidationError(_("This device has no owner who could consent."), code="no_owner")
    open_statuses = [DiagnosticRequest.Status.AWAITING_CONSENT, DiagnosticRequest.Status.CONSENTED]
    existing = device.diagnostic_requests.filter(status__in=open_statuses).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        request = DiagnosticRequest.objects.create(device=device, requested_by=actor)
        audit_record(actor=actor, action="device.diagnostics_request", target=device)
        transaction.on_commit(lambda: send_diagnostics_request_email.enqueue(request_id=request.pk))
    return request


def diagnostic_request_respond(*, request: DiagnosticRequest, customer: User, consent: bool) -> DiagnosticRequest:
    """The owner allows or declines the requested diagnostics run."""
    if request.device.owner_id != customer.pk:
        raise PermissionDenied
    if request.status != DiagnosticRequest.Status.AWAITING_CONSENT:
        raise ValidationError(_("You have already answered this request."), code="answered")
    with transaction.atomic():
        request.status = DiagnosticRequest.Status.CONSENTED if consent else DiagnosticRequest.Status.DECLINED
        request.responded_at = timezone.now()
        request.save(update_fields=["status", "responded_at"])
        device_history_add(
            device=request.device,
            kind=DeviceEvent.Kind.DIAGNOSTICS,
            title=_("Customer consented to a diagnostics run") if consent else _("Customer declined a diagnostics run"),
            actor=customer,
            reference=f"diagnostics-request-{request.pk}-answer",
        )
    return request


@dataclass(frozen=True)
class ComponentResultInput:
    component: str
    result: str
    measurements: dict[str, Any]


def diagnostic_report_ingest(
    *, device: Device, tool: str, ran_at: datetime, results: list[ComponentResultInput]
) -> DiagnosticReport:
    """Store a report posted by the device or a diagnostic tool; it completes a consented request."""
    if not results:
        raise ValidationError({"results": _("A report needs at least one component.")})
    components = [item.component for item in results]
    if len(set(components)) != len(components):
        raise ValidationError({"results": _("Each component may appear only once in a report.")})
    for item in results:
        if item.component not in Component.values:
            raise ValidationError({"results": _("Unknown component: %(name)s") % {"name": item.component[:40]}})
        if item.result not in DiagnosticReport.Result.values:
            raise ValidationError({"results": _("Unknown result: %(name)s") % {"name": item.result[:40]}})
        problems = measurement_problems(item.component, item.measurements)
        if problems:
            # Only allow-listed measurements: a report never carries where the device is.
            raise ValidationError({"results": "; ".join(problems)})
    with transaction.atomic():
        request = (
            device.diagnostic_requests.select_for_update()
            .filter(status=DiagnosticRequest.Status.CONSENTED)
            .order_by("created_at")
            .first()
        )
        report = DiagnosticReport.objects.create(device=device, tool=tool[:80], ran_at=ran_at, request=request)
        DiagnosticResult.objects.bulk_create(
            DiagnosticResult(
                report=report, component=item.component, result=item.result, measurements=item.measurements
            )
            for item in results
        )
        if request is not None:
            request.status = DiagnosticRequest.Status.COMPLETED
            request.save(update_fields=["status"])
        failing = [item for item in results if item.result != DiagnosticReport.Result.PASS]
        summary = (
            _("Diagnostics: all %(count)d components passed") % {"count": len(results)}
            if not failing
            else _("Diagnostics: %(bad)d of %(count)d components need attention")
            % {"bad": len(failing), "count": len(results)}
        )
        device_history_add(
            device=device,
            kind=DeviceEvent.Kind.DIAGNOSTICS,
            title=summary,
            detail=", ".join(f"{item.component}: {item.result}" for item in failing),
            occurred_at=ran_at,
            reference=f"diagnostics-report-{report.pk}",
        )
    return report


def account_service_set(
    *, actor: User, customer: User, service: str, enabled: bool, reason: str
) -> AccountServiceState:
    """Switch an account service (messaging, video calling, keychain) off or back on. Audited
    with the reason; the customer is emailed after commit."""
    if not actor.has_perm("devices.manage_account_services"):
        raise PermissionDenied
    if service not in AccountService.values:
        raise ValidationError({"service": _("Unknown service.")})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason; the customer and the audit trail see it.")})
    with transaction.atomic():
        state = AccountServiceState.objects.select_for_update().filter(user=customer, service=service).first()
        before = {"enabled": state.enabled if state else True}
        if state is None:
            state = AccountServiceState(user=customer, service=service)
        state.enabled, state.reason, state.changed_by = enabled, reason[:300], actor
        state.save()
        audit_record(
            actor=actor,
            action="account.service_on" if enabled else "account.service_off",
            target=customer,
            before={**before, "service": service},
            after={"enabled": enabled, "service": service, "reason": state.reason},
        )
        transaction.on_commit(lambda: send_account_service_email.enqueue(state_id=state.pk))
    return state


def content_counts_report(
    *, user: User, photos: int, contacts: int, notes: int, backup_bytes: int, reported_at: datetime | None = None
) -> AccountContentCounts:
    """Record how much an account holds, as numbers only (the sync service reports them)."""
    values = {"photos": photos, "contacts": contacts, "notes": notes, "backup_bytes": backup_bytes}
    negative = {name: _("Must be zero or more.") for name, value in values.items() if value < 0}
    if negative:
        raise ValidationError(negative)
    with transaction.atomic():
        counts, _created = AccountContentCounts.objects.update_or_create(
            user=user, defaults={**values, "reported_at": reported_at or timezone.now()}
        )
    return counts


def accessibility_profile_save(
    *, user: User, needs: list[str], contact_modes: list[str], note: str
) -> AccessibilityProfile:
    """The customer records their communication needs and how they prefer to be reached."""
    needs = [need for need in CommunicationNeed.values if need in needs]
    contact_modes = [mode for mode in ContactMode.values if mode in contact_modes]
    with transaction.atomic():
        profile, _created = AccessibilityProfile.objects.update_or_create(
            user=user, defaults={"needs": needs, "contact_modes": contact_modes, "note": note.strip()[:300]}
        )
    return profile
