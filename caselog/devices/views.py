from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caselog.core.clients import client_address
from caselog.core.ratelimit import rate_limit_wait
from caselog.core.requests import request_user
from caselog.devices import selectors, services
from caselog.devices.forms import (
    AccessibilityForm,
    CoverageCheckForm,
    ReceiptUploadForm,
)


def _coverage_wait(request: HttpRequest) -> int:
    return rate_limit_wait(
        scope="coverage",
        ident=client_address(request) or "unknown",
        limit=settings.COVERAGE_CHECKS_PER_WINDOW,
        window=settings.COVERAGE_CHECK_WINDOW,
    )


def coverage_check(request: HttpRequest) -> HttpResponse:
    form = CoverageCheckForm(request.GET or None)
    if not form.is_bound:
        return render(request, "devices/coverage.html", {"form": form})
    wait = _coverage_wait(request)
    if wait:
        response = render(request, "devices/coverage_wait.html", {"wait": wait, "form": form}, status=429)
        response["Retry-After"] = str(wait)
        return response
    answer = selectors.coverage_check(raw_serial=request.GET.get("serial", ""))
    status = 200 if answer.device else 404 if answer.problem_code == "unknown_serial" else 422
    return render(request, "devices/coverage.html", {"form": form, "answer": answer}, status=status)


def coverage_check_json_moved(request: HttpRequest) -> HttpResponse:
    """The JSON coverage check lives in the API now: `GET /api/v1/coverage?serial=`. The old address
    answers 308 (method and query kept), so a bookmarked or scripted URL keeps working."""
    url = reverse("api:coverage_check")
    if request.META.get("QUERY_STRING"):
        url = f"{url}?{request.META['QUERY_STRING']}"
    return redirect(url, permanent=True, preserve_request=True)


# Customer pages ----------------------------------------------------------------------------


@login_required
def my_devices(request: HttpRequest) -> HttpResponse:
    devices = selectors.device_list_owned(user=request_user(request))
    rows = [{"device": device, "coverage": selectors.coverage_for(device=device)} for device in devices]
    return render(request, "devices/my_devices.html", {"rows": rows})


@login_required
def my_device(request: HttpRequest, serial: str) -> HttpResponse:
    device = selectors.device_owned_by(user=request_user(request), serial=serial)
    form = ReceiptUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.receipt_upload(device=device, uploaded_by=request_user(request), **form.cleaned_data)
        messages.success(request, _("Thank you. An agent will check your receipt."))
        return redirect("devices:my_device", serial=device.serial)
    context = {
        "device": device,
        "coverage": selectors.coverage_for(device=device),
        "receipts": selectors.receipt_list(device=device),
        "diagnostic_request": selectors.diagnostic_request_open(device=device),
        "form": form,
    }
    return render(request, "devices/my_device.html", context, status=422 if form.errors else 200)


@require_POST
@login_required
def diagnostics_consent(request: HttpRequest, pk: int) -> HttpResponse:
    diagnostic_request = selectors.diagnostic_request_for_owner(user=request_user(request), pk=pk)
    consent = request.POST.get("answer") == "allow"
    try:
        services.diagnostic_request_respond(request=diagnostic_request, customer=request_user(request), consent=consent)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Diagnostics allowed.") if consent else _("Diagnostics declined."))
    return redirect("devices:my_device", serial=diagnostic_request.device.serial)


@login_required
def accessibility(request: HttpRequest) -> HttpResponse:
    profile = selectors.accessibility_profile_for(user=request_user(request))
    initial = {"needs": profile.needs, "contact_modes": profile.contact_modes, "note": profile.note} if profile else {}
    form = AccessibilityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.accessibility_profile_save(user=request_user(request), **form.cleaned_data)
        messages.success(request, _("Your communication needs are saved."))
        return redirect("devices:accessibility")
    return render(request, "devices/accessibility.html", {"form": form}, status=422 if form.errors else 200)


@login_required
def receipt_file(request: HttpRequest, pk: int) -> FileResponse:
    receipt = selectors.receipt_for_user(user=request_user(request), pk=pk)
    response = FileResponse(receipt.file.open("rb"), content_type=receipt.content_type)
    response["Content-Disposition"] = f'inline; filename="receipt-{receipt.pk}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
