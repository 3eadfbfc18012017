from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caselog.core.decorators import permission_required_or_404
from caselog.core.requests import request_user
from caselog.sla import selectors, services
from caselog.sla.calendars import calendar_clock
from caselog.sla.forms import ClosureForm, ExceptionForm, IcalImportForm, TargetForm, WeeklyHoursForm
from caselog.sla.models import Calendar

manager_required = permission_required_or_404(services.MANAGE_PERMISSION)


@manager_required
def calendar_list(request: HttpRequest) -> HttpResponse:
    calendars = list(selectors.calendar_list_for(user=request_user(request)))
    now = timezone.now()
    rows = [(calendar, calendar_clock(calendar).is_open(now)) for calendar in calendars]
    return render(request, "sla/calendar_list.html", {"rows": rows})


def _calendar_page(request: HttpRequest, calendar: Calendar, *, status: int = 200, **forms: Any) -> HttpResponse:
    context = {
        "calendar": calendar,
        "open_now": calendar_clock(calendar).is_open(timezone.now()),
        "holidays": selectors.upcoming_holidays(calendar=calendar),
        "hours_form": forms.get("hours_form") or WeeklyHoursForm(calendar=calendar),
        "closure_form": forms.get("closure_form") or ClosureForm(calendar=calendar),
        "exception_form": forms.get("exception_form") or ExceptionForm(),
        "import_form": forms.get("import_form") or IcalImportForm(),
    }
    return render(request, "sla/calendar_detail.html", context, status=status)


@manager_required
def calendar_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _calendar_page(request, selectors.calendar_for(user=request_user(request), pk=pk))


def _calendar_form_post(
    request: HttpRequest,
    calendar: Calendar,
    form_name: str,
    form: Form,
    act: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Give a valid form's data to `act`, say `done` and go back to the calendar; an invalid form
    shows the calendar page again with it (as `form_name`), as 422."""
    if not form.is_valid():
        return _calendar_page(request, calendar, status=422, **{form_name: form})
    act(form.cleaned_data)
    messages.success(request, done)
    return redirect("sla:calendar_detail", pk=calendar.pk)


@require_POST
@manager_required
def calendar_hours(request: HttpRequest, pk: int) -> HttpResponse:
    calendar = selectors.calendar_for(user=request_user(request), pk=pk)
    return _calendar_form_post(
        request,
        calendar,
        "hours_form",
        WeeklyHoursForm(request.POST, calendar=calendar),
        lambda data: services.calendar_set_hours(actor=request_user(request), calendar=calendar, hours=data["hours"]),
        _("Opening hours saved. Open cases get new due times."),
    )


@require_POST
@manager_required
def closure_add(request: HttpRequest, pk: int) -> HttpResponse:
    calendar = selectors.calendar_for(user=request_user(request), pk=pk)
    return _calendar_form_post(
        request,
        calendar,
        "closure_form",
        ClosureForm(request.POST, calendar=calendar),
        lambda data: services.closure_add(actor=request_user(request), calendar=calendar, **data),
        _("Closure added."),
    )


@require_POST
@manager_required
def closure_delete(request: HttpRequest, pk: int, closure_id: int) -> HttpResponse:
    calendar = selectors.calendar_for(user=request_user(request), pk=pk)
    closure = selectors.closure_for(user=request_user(request), calendar=calendar, pk=closure_id)
    services.closure_delete(actor=request_user(request), closure=closure)
    messages.success(request, _("Closure removed."))
    return redirect("sla:calendar_detail", pk=calendar.pk)


@require_POST
@manager_required
def exception_add(request: HttpRequest, pk: int) -> HttpResponse:
    calendar = selectors.calendar_for(user=request_user(request), pk=pk)
    return _calendar_form_post(
        request,
        calendar,
        "exception_form",
        ExceptionForm(request.POST),
        lambda data: services.exception_add(actor=request_user(request), calendar=calendar, **data),
        _("Exception added."),
    )


@require_POST
@manager_required
def ical_import(request: HttpRequest, pk: int) -> HttpResponse:
    calendar = selectors.calendar_for(user=request_user(request), pk=pk)
    form = IcalImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            count = services.calendar_import_ical(
                actor=request_user(request), calendar=calendar, data=form.cleaned_data["file"]
            )
        except ValidationError as error:
            form.add_error("file", error.message_dict.get("file", error.messages))
        else:
            messages.success(request, _("Imported %(count)s closures.") % {"count": count})
            return redirect("sla:calendar_detail", pk=calendar.pk)
    return _calendar_page(request, calendar, status=422, import_form=form)


@manager_required
def policy_list(request: HttpRequest) -> HttpResponse:
    policies = selectors.policy_list_for(user=request_user(request))
    return render(request, "sla/policy_list.html", {"policies": policies, "form": TargetForm()})


@require_POST
@manager_required
def policy_target(request: HttpRequest, pk: int) -> HttpResponse:
    policy = selectors.policy_for(user=request_user(request), pk=pk)
    form = TargetForm(request.POST)
    if not form.is_valid():
        policies = selectors.policy_list_for(user=request_user(request))
        context = {"policies": policies, "form": TargetForm(), "bound": form, "bound_policy": policy.pk}
        return render(request, "sla/policy_list.html", context, status=422)
    data = form.cleaned_data
    services.policy_target_set(
        actor=request_user(request),
        policy=policy,
        priority=data["priority"],
        metric=data["metric"],
        target=data["target"],
        business_time=data["business_time"],
    )
    messages.success(request, _("Target saved. Open cases get new due times."))
    return redirect("sla:policy_list")
