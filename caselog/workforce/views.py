from __future__ import annotations

import csv
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caselog.accounts.models import User
from caselog.core.decorators import permission_required_or_404, staff_required
from caselog.core.requests import request_user
from caselog.workforce import charts, selectors, services
from caselog.workforce.forms import (
    ForecastForm,
    ReleaseForm,
    ScheduleProposeForm,
    ShiftForm,
    StaffingPolicyForm,
    VolumeFilterForm,
    WishForm,
)
from caselog.workforce.models import Release, Wish

planner_required = permission_required_or_404(selectors.MANAGER_PERMISSION)
ITEMS_PER_PAGE = 20


def _csv(filename: str, header: list[str], rows: list[list[Any]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


@planner_required
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "workforce/index.html",
        {"departments": selectors.department_list(), "releases": selectors.release_list()[:10]},
    )


@planner_required
def volume(request: HttpRequest) -> HttpResponse:
    form = VolumeFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "workforce/volume.html", {"form": form}, status=422)
    data = form.cleaned_data
    department = data.get("department")
    filters = selectors.VolumeFilter(
        start=data["start"],
        end=data["end"],
        department=department,
        language=data.get("language") or "",
        channel=data.get("channel") or "",
        zone=selectors.department_zone(department) if department is not None else None,
    )
    report = selectors.volume_report(filters)
    download = request.GET.get("download")
    if download in charts.VOLUME_TABLES:
        header, rows = charts.volume_table(report, download)
        return _csv(f"volume-{download}-{filters.start}-{filters.end}.csv", header, rows)
    context = {"form": form, "report": report, "filters": filters, "charts": charts.volume_charts(report)}
    return render(request, "workforce/volume.html", context)


@planner_required
def forecast(request: HttpRequest, department_id: int) -> HttpResponse:
    department = selectors.department_for_planner(user=request.user, pk=department_id)
    languages = selectors.language_options(department)
    form = ForecastForm(request.GET or {"language": languages[0], "weeks": 4}, languages=languages)
    if not form.is_valid():
        return render(request, "workforce/forecast.html", {"form": form, "department": department}, status=422)
    language = form.cleaned_data.get("language") or languages[0]
    weeks = form.cleaned_data.get("weeks") or 4
    plan = selectors.planning_forecast(department=department, language=language, weeks=weeks)
    if request.GET.get("download") == "staffing":
        header, rows = charts.staffing_table(plan)
        return _csv(f"staffing-{department.pk}-{language}.csv", header, rows)
    if request.GET.get("download") == "forecast":
        header, rows = charts.forecast_table(plan)
        return _csv(f"forecast-{department.pk}-{language}.csv", header, rows)
    policy = plan.policy
    policy_form = StaffingPolicyForm(
        initial={
            "service_level": round(policy.service_level * 100),
            "answer_within_seconds": policy.answer_within_seconds,
            "shrinkage": round(policy.shrinkage * 100),
            "written_handle_seconds": policy.written_handle_seconds,
        }
    )
    context = {
        "form": form,
        "department": department,
        "plan": plan,
        "policy_form": policy_form,
        "charts": charts.forecast_charts(plan),
        "daily": charts.daily_staffing(plan),
    }
    return render(request, "workforce/forecast.html", context)


@require_POST
@planner_required
def policy(request: HttpRequest, department_id: int) -> HttpResponse:
    department = selectors.department_for_planner(user=request.user, pk=department_id)
    form = StaffingPolicyForm(request.POST)
    if not form.is_valid():
        return render(request, "workforce/policy.html", {"form": form, "department": department}, status=422)
    data = form.cleaned_data
    services.staffing_policy_update(
        actor=request_user(request),
        department=department,
        service_level=data["service_level"] / 100,
        answer_within_seconds=data["answer_within_seconds"],
        shrinkage=data["shrinkage"] / 100,
        written_handle_seconds=data["written_handle_seconds"],
    )
    messages.success(request, _("Staffing targets saved."))
    return redirect("workforce:forecast", department_id=department.pk)


@planner_required
def releases(request: HttpRequest) -> HttpResponse:
    form = ReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.release_create(actor=request_user(request), **form.cleaned_data)
        messages.success(request, _("Release added to the calendar."))
        return redirect("workforce:releases")
    page = Paginator(selectors.release_list(), ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    status = 422 if request.method == "POST" else 200
    return render(request, "workforce/releases.html", {"form": form, "releases": page}, status=status)


@require_POST
@planner_required
def release_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.release_delete(actor=request_user(request), release=get_object_or_404(Release, pk=pk))
    messages.success(request, _("Release removed."))
    return redirect("workforce:releases")


@planner_required
def schedules(request: HttpRequest, department_id: int) -> HttpResponse:
    department = selectors.department_for_planner(user=request.user, pk=department_id)
    today = timezone.localdate()
    form = ScheduleProposeForm(
        request.POST or None, initial={"starts_on": today + timedelta(days=7 - today.weekday()), "weeks": 4}
    )
    if request.method == "POST" and form.is_valid():
        schedule = services.schedule_propose(actor=request_user(request), department=department, **form.cleaned_data)
        messages.success(request, _("A draft schedule was proposed. Review and publish it."))
        return redirect(schedule)
    page = Paginator(selectors.schedule_list(department=department), ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"department": department, "form": form, "schedules": page}
    return render(request, "workforce/schedules.html", context, status=422 if form.errors else 200)


@planner_required
def schedule(request: HttpRequest, pk: int, form: ShiftForm | None = None, status: int = 200) -> HttpResponse:
    item = selectors.schedule_for_planner(user=request.user, pk=pk)
    view = selectors.schedule_view(item)
    if request.method == "GET" and request.GET.get("download") == "coverage":
        header, rows = charts.coverage_table(view)
        return _csv(f"coverage-{item.pk}-{item.starts_on}.csv", header, rows)
    context = {
        "view": view,
        "schedule": item,
        "shift_form": form or ShiftForm(),
        "charts": charts.coverage_charts(view),
    }
    return render(request, "workforce/schedule.html", context, status=status)


@require_POST
@planner_required
def shift_set(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.schedule_for_planner(user=request.user, pk=pk)
    form = ShiftForm(request.POST)
    if form.is_valid():
        agent = User.objects.filter(pk=form.cleaned_data["agent"]).first()
        try:
            if agent is None:
                raise ValidationError({"agent": _("Unknown agent.")})
            services.shift_set(
                actor=request_user(request),
                schedule=item,
                agent=agent,
                day=form.cleaned_data["day"],
                kind=form.cleaned_data["kind"],
                language=form.cleaned_data.get("language") or "",
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Shift changed."))
            return redirect(item)
    return schedule(request, pk, form=form, status=422)


@require_POST
@planner_required
def schedule_publish(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.schedule_for_planner(user=request.user, pk=pk)
    try:
        services.schedule_publish(actor=request_user(request), schedule=item)
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, _("Schedule published to its agents."))
    return redirect(item)


@planner_required
def dashboard(request: HttpRequest, department_id: int) -> HttpResponse:
    department = selectors.department_for_planner(user=request.user, pk=department_id)
    board = selectors.department_dashboard(department=department)
    template = "workforce/_dashboard_tiles.html" if request.headers.get("HX-Request") else "workforce/dashboard.html"
    return render(request, template, {"board": board, "department": department})


@staff_required
def my_schedule(request: HttpRequest) -> HttpResponse:
    form = WishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.wish_create(agent=request_user(request), **form.cleaned_data)
        messages.success(request, _("Wish saved. The next schedules will take it into account."))
        return redirect("workforce:my_schedule")
    mine = selectors.my_schedule(agent=request_user(request))
    status = 422 if form.errors else 200
    return render(request, "workforce/my_schedule.html", {"mine": mine, "form": form}, status=status)


@require_POST
@staff_required
def wish_delete(request: HttpRequest, pk: int) -> HttpResponse:
    wish = get_object_or_404(Wish, pk=pk, agent=request_user(request))
    services.wish_delete(agent=request_user(request), wish=wish)
    messages.success(request, _("Wish removed."))
    return redirect("workforce:my_schedule")
