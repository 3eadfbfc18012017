"""The repair panel's action in the console: escalate the case to a repair order."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caselog.cases.selectors import case_for_agent
from caselog.core.decorators import staff_required
from caselog.core.requests import request_user
from caselog.devices.selectors import device_list_visible_to
from caselog.repairs.forms import EscalateForm
from caselog.repairs.services import repair_order_create


def _apply(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_POST
@staff_required
def escalate(request: HttpRequest, number: str) -> HttpResponse:
    case = case_for_agent(user=request_user(request), number=number)
    if case.customer is None:
        raise Http404
    devices = device_list_visible_to(user=request_user(request)).filter(owner=case.customer)
    form = EscalateForm(request.POST, devices=devices)
    if form.is_valid():
        try:
            order = repair_order_create(actor=request_user(request), case=case, **form.cleaned_data)
            messages.success(request, _("Repair %(number)s opened.") % {"number": order.number})
            return redirect(case)
        except ValidationError as error:
            _apply(form, error)
    return render(request, "console/repair_escalate.html", {"case": case, "form": form}, status=422)
