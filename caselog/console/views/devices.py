"""The console's customer and device pages and look-up (devices)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caselog.core.decorators import staff_required
from caselog.core.requests import request_user
from caselog.devices import selectors, services
from caselog.devices.forms import AccountServiceForm, LookupForm, ReceiptReviewForm
from caselog.devices.models import Device

HISTORY_PER_PAGE = 30


@staff_required
def lookup(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.GET or None)
    result = (
        selectors.customer_lookup(user=request_user(request), query=form.data.get("q", "")) if form.is_bound else None
    )
    template = "console/lookup_results.html" if request.headers.get("HX-Request") else "console/lookup.html"
    return render(request, template, {"form": form, "result": result})


@staff_required
def console_customer(request: HttpRequest, pk: int) -> HttpResponse:
    customer = selectors.customer_for_user(user=request_user(request), pk=pk)
    devices = selectors.device_list_visible_to(user=request_user(request)).filter(owner=customer).order_by("serial")
    context = {
        "customer": customer,
        "rows": [{"device": device, "coverage": selectors.coverage_for(device=device)} for device in devices],
        "services": selectors.account_services_for(customer=customer),
        "counts": getattr(customer, "content_counts", None),
        "accessibility": selectors.accessibility_profile_for(user=customer),
        "can_manage_services": request_user(request).has_perm("devices.manage_account_services"),
        "service_form": AccountServiceForm(),
    }
    return render(request, "console/customer.html", context)


@require_POST
@staff_required
def console_customer_service(request: HttpRequest, pk: int) -> HttpResponse:
    customer = selectors.customer_for_user(user=request_user(request), pk=pk)
    form = AccountServiceForm(request.POST)
    if form.is_valid():
        try:
            services.account_service_set(actor=request_user(request), customer=customer, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Saved; the customer is being emailed."))
    else:
        messages.error(request, _("Give the reason; the customer and the audit trail see it."))
    return redirect("console:customer", pk=customer.pk)


def _console_device_page(
    request: HttpRequest, device: Device, review_form: ReceiptReviewForm | None = None, review_pk: int | None = None
) -> HttpResponse:
    history = Paginator(selectors.device_history(device=device), HISTORY_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "device": device,
        "coverage": selectors.coverage_for(device=device),
        "history": history,
        "components": selectors.diagnostics_latest_by_component(device=device),
        "receipts": selectors.receipt_list(device=device),
        "diagnostic_request": selectors.diagnostic_request_open(device=device),
        "review_form": review_form or ReceiptReviewForm(),
        "review_pk": review_pk,
    }
    return render(request, "console/device.html", context, status=422 if review_form else 200)


@staff_required
def console_device(request: HttpRequest, serial: str) -> HttpResponse:
    return _console_device_page(request, selectors.device_for_user(user=request_user(request), serial=serial))


@require_POST
@staff_required
def console_receipt_review(request: HttpRequest, serial: str, pk: int) -> HttpResponse:
    device = selectors.device_for_user(user=request_user(request), serial=serial)
    receipt = get_object_or_404(selectors.receipt_list(device=device), pk=pk)
    form = ReceiptReviewForm(request.POST)
    if not form.is_valid():
        return _console_device_page(request, device, review_form=form, review_pk=receipt.pk)
    try:
        if form.cleaned_data["decision"] == "verify":
            services.receipt_verify(
                receipt=receipt, actor=request_user(request), purchase_date=form.cleaned_data["purchase_date"]
            )
        else:
            services.receipt_reject(receipt=receipt, actor=request_user(request), note=form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Receipt reviewed."))
    return redirect(device)


@require_POST
@staff_required
def console_diagnostics_request(request: HttpRequest, serial: str) -> HttpResponse:
    device = selectors.device_for_user(user=request_user(request), serial=serial)
    try:
        services.diagnostic_request_create(device=device, actor=request_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Requested. The customer is asked to consent."))
    return redirect(device)
