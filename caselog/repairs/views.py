from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caselog.core.decorators import permission_required_or_404
from caselog.core.requests import request_user
from caselog.devices.selectors import device_history, diagnostics_latest_by_component
from caselog.repairs.forms import (
    BookingForm,
    CourierLegForm,
    DiagnosisForm,
    LegStateForm,
    PartLineForm,
    QuoteDecisionForm,
    StockMoveForm,
    TransitionForm,
    WalkInForm,
)
from caselog.repairs.models import RepairOrder
from caselog.repairs.selectors import (
    DASHBOARD_PERMISSION,
    OPEN_STATES,
    WORK_PERMISSION,
    booking_open,
    location_list_for,
    movement_list,
    open_repairs_by_state,
    order_for_customer,
    order_for_staff,
    order_list_for_customer,
    parts_for_order,
    reorder_list,
    slots_open_for,
    stock_list,
    work_queue,
)
from caselog.repairs.services import (
    ACTION_LABELS,
    actions_for,
    courier_leg_advance,
    courier_leg_book,
    repair_diagnosis_save,
    repair_order_create,
    repair_part_add,
    repair_quote_decide,
    repair_transition,
    slot_book,
    stock_move,
    warranty_check,
)

technician_required = permission_required_or_404(WORK_PERMISSION)
STATE_CHOICES = [(state, label) for state, label in RepairOrder.State.choices if state in OPEN_STATES]


def _apply(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _submit_or_flash(request: HttpRequest, form: forms.Form, act: Callable[[dict[str, Any]], object]) -> None:
    """Give a valid form's data to `act`; a ValidationError from it becomes an error message on the next page."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))


# Customer --------------------------------------------------------------------------------


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    page = Paginator(order_list_for_customer(user=request_user(request)), 20).get_page(request.GET.get("page"))
    return render(request, "repairs/mine.html", {"page": page})


def _mine_context(order: RepairOrder, booking_form: BookingForm | None = None) -> dict[str, Any]:
    slots = list(slots_open_for(order=order)) if order.mode != RepairOrder.Mode.COURIER else []
    on_site = order.mode == RepairOrder.Mode.ON_SITE
    return {
        "order": order,
        "events": order.events.select_related("actor"),
        "legs": order.courier_legs.all(),
        "booking": getattr(order, "booking", None),
        "can_book": booking_open(order=order) and bool(slots),
        "booking_form": booking_form or BookingForm(slots=slots, on_site=on_site),
    }


@login_required
def mine_detail(request: HttpRequest, number: str) -> HttpResponse:
    order = order_for_customer(user=request_user(request), number=number)
    return render(request, "repairs/mine_detail.html", _mine_context(order))


@require_POST
@login_required
def mine_quote(request: HttpRequest, number: str) -> HttpResponse:
    order = order_for_customer(user=request_user(request), number=number)
    _submit_or_flash(
        request,
        QuoteDecisionForm(request.POST),
        lambda data: repair_quote_decide(order=order, user=request_user(request), accept=data["decision"] == "accept"),
    )
    return redirect("repairs:mine_detail", number=order.number)


@require_POST
@login_required
def mine_book(request: HttpRequest, number: str) -> HttpResponse:
    order = order_for_customer(user=request_user(request), number=number)
    return _book(request, order, "repairs/mine_detail.html", "repairs:mine_detail")


def _book(request: HttpRequest, order: RepairOrder, template: str, success: str) -> HttpResponse:
    slots = list(slots_open_for(order=order))
    form = BookingForm(request.POST, slots=slots, on_site=order.mode == RepairOrder.Mode.ON_SITE)
    if form.is_valid():
        try:
            slot_book(
                order=order,
                user=request_user(request),
                slot=form.cleaned_data["slot"],
                address=form.cleaned_data.get("address", ""),
            )
            messages.success(request, _("Booked."))
            return redirect(success, number=order.number)
        except ValidationError as error:
            _apply(form, error)
    context = (
        _mine_context(order, form)
        if success == "repairs:mine_detail"
        else _staff_context(request, order, booking_form=form)
    )
    return render(request, template, context, status=422)


# Agent console ---------------------------------------------------------------------------


# Technicians -----------------------------------------------------------------------------


@technician_required
def walk_in(request: HttpRequest) -> HttpResponse:
    locations = location_list_for(user=request_user(request))
    form = WalkInForm(request.POST or None, locations=locations)
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                order = repair_order_create(actor=request_user(request), device=data.pop("serial"), **data)
                return redirect("repairs:order", number=order.number)
            except ValidationError as error:
                _apply(form, error)
        return render(request, "repairs/walk_in.html", {"form": form}, status=422)
    return render(request, "repairs/walk_in.html", {"form": form})


@technician_required
def queue(request: HttpRequest) -> HttpResponse:
    locations = list(location_list_for(user=request_user(request)))
    if not locations:
        return render(request, "repairs/queue.html", {"locations": [], "location": None, "page": None})
    slug = request.GET.get("location") or locations[0].slug
    location = next((loc for loc in locations if loc.slug == slug), None)
    if location is None:
        raise Http404
    orders = work_queue(user=request_user(request), location=location).select_related("booking__slot")
    state = request.GET.get("state", "")
    if state in OPEN_STATES:
        orders = orders.filter(state=state)
    page = Paginator(orders, 25).get_page(request.GET.get("page"))
    context = {"locations": locations, "location": location, "page": page, "state": state, "states": STATE_CHOICES}
    return render(request, "repairs/queue.html", context)


def _staff_context(request: HttpRequest, order: RepairOrder, **forms_: Any) -> dict[str, Any]:
    slots = list(slots_open_for(order=order)) if order.mode != RepairOrder.Mode.COURIER else []
    return {
        "order": order,
        "actions": [(action, _(ACTION_LABELS[action])) for action in actions_for(order=order)],
        "transition_form": forms_.get("transition_form") or TransitionForm(),
        "diagnosis_form": forms_.get("diagnosis_form") or DiagnosisForm(initial={"diagnosis": order.diagnosis}),
        "part_form": forms_.get("part_form") or PartLineForm(parts=parts_for_order(order=order)),
        "courier_form": forms_.get("courier_form") or CourierLegForm(initial={"address": order.customer.email and ""}),
        "booking_form": forms_.get("booking_form")
        or BookingForm(slots=slots, on_site=order.mode == RepairOrder.Mode.ON_SITE),
        "slots": slots if booking_open(order=order) else [],
        "history": device_history(device=order.device)[:50],
        "diagnostics": diagnostics_latest_by_component(device=order.device),
        "events": order.events.select_related("actor"),
        "needed_parts": order.needed_parts.select_related("part"),
        "reservations": order.reservations.select_related("part"),
        "legs": order.courier_legs.all(),
        "leg_state_choices": LegStateForm.base_fields["state"].choices,  # type: ignore[attr-defined]
        "booking": getattr(order, "booking", None),
        "warranty": warranty_check(device=order.device, repair_type=order.repair_type)
        if order.state == RepairOrder.State.INTAKE
        else None,
    }


@technician_required
def order(request: HttpRequest, number: str) -> HttpResponse:
    found = order_for_staff(user=request_user(request), number=number)
    return render(request, "repairs/order.html", _staff_context(request, found))


def _order_form_post(
    request: HttpRequest, found: RepairOrder, form_name: str, form: forms.Form, service: Callable[..., object]
) -> HttpResponse:
    """Call `service(order=, actor=, **form data)` and go back to the order page; on a bad form or a
    ValidationError from the service, show the page again with this form (as `form_name`) and status 422."""
    if form.is_valid():
        try:
            service(order=found, actor=request_user(request), **form.cleaned_data)
            return redirect("repairs:order", number=found.number)
        except ValidationError as error:
            _apply(form, error)
    return render(request, "repairs/order.html", _staff_context(request, found, **{form_name: form}), status=422)


@require_POST
@technician_required
def transition(request: HttpRequest, number: str) -> HttpResponse:
    found = order_for_staff(user=request_user(request), number=number)
    return _order_form_post(request, found, "transition_form", TransitionForm(request.POST), repair_transition)


@require_POST
@technician_required
def diagnosis(request: HttpRequest, number: str) -> HttpResponse:
    found = order_for_staff(user=request_user(request), number=number)
    return _order_form_post(request, found, "diagnosis_form", DiagnosisForm(request.POST), repair_diagnosis_save)


@require_POST
@technician_required
def part_add(request: HttpRequest, number: str) -> HttpResponse:
    found = order_for_staff(user=request_user(request), number=number)
    form = PartLineForm(request.POST, parts=parts_for_order(order=found))
    return _order_form_post(request, found, "part_form", form, repair_part_add)


@require_POST
@technician_required
def courier_book(request: HttpRequest, number: str) -> HttpResponse:
    found = order_for_staff(user=request_user(request), number=number)
    return _order_form_post(request, found, "courier_form", CourierLegForm(request.POST), courier_leg_book)


@require_POST
@technician_required
def courier_advance(request: HttpRequest, number: str, leg_id: int) -> HttpResponse:
    found = order_for_staff(user=request_user(request), number=number)
    leg = get_object_or_404(found.courier_legs, pk=leg_id)
    _submit_or_flash(
        request,
        LegStateForm(request.POST),
        lambda data: courier_leg_advance(leg=leg, actor=request_user(request), state=data["state"]),
    )
    return redirect("repairs:order", number=found.number)


@require_POST
@technician_required
def order_book(request: HttpRequest, number: str) -> HttpResponse:
    found = order_for_staff(user=request_user(request), number=number)
    return _book(request, found, "repairs/order.html", "repairs:order")


@technician_required
def stock(request: HttpRequest) -> HttpResponse:
    locations = list(location_list_for(user=request_user(request)))
    slug = request.GET.get("location") or request.POST.get("location") or (locations[0].slug if locations else "")
    location = next((loc for loc in locations if loc.slug == slug), None)
    if location is None:
        raise Http404
    form = StockMoveForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                stock_move(actor=request_user(request), location=location, **form.cleaned_data)
                messages.success(request, _("Stock updated."))
                return redirect(f"{request.path}?location={location.slug}")
            except ValidationError as error:
                _apply(form, error)
        status = 422
    context = {
        "locations": locations,
        "location": location,
        "levels": stock_list(location=location),
        "movements": movement_list(location=location),
        "reorder": reorder_list(user=request_user(request)).filter(location=location),
        "form": form,
    }
    return render(request, "repairs/stock.html", context, status=status)


@permission_required_or_404(DASHBOARD_PERMISSION)
def dashboard(request: HttpRequest) -> HttpResponse:
    rows = open_repairs_by_state(user=request_user(request))
    reorder = list(reorder_list(user=request_user(request))[:30])
    chart = {
        "labels": [f"{level.part.sku} · {level.location.city}" for level in reorder],
        "available": [level.on_hand - level.reserved for level in reorder],
        "reorder_level": [level.reorder_level for level in reorder],
    }
    states = [RepairOrder.State(state).label for state in OPEN_STATES]
    context = {"rows": rows, "states": states, "reorder": reorder, "chart": chart}
    return render(request, "repairs/dashboard.html", context)
