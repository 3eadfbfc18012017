"""The agent console's pages: the queue, the case page with its panels, and the case's actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from caselog.accounts.models import User
from caselog.cases import selectors, services
from caselog.cases.forms import AgentCaseForm, AssignForm, CallEndForm, MessageForm, QueueFilterForm, StatusForm
from caselog.cases.models import CallLog, Case
from caselog.cases.views import MAX_SUGGEST_CHARS, SUGGESTIONS_SHOWN
from caselog.console.selectors import panels_for
from caselog.core.decorators import staff_required
from caselog.core.requests import request_user
from caselog.search.doors import suggestions_render
from caselog.search.queries import UNSET, suggestion_query_from


def _locale() -> str:
    return (get_language() or "en")[:2]


def _agent_case(request: HttpRequest, number: str) -> tuple[User, Case]:
    """The signed-in agent and the case they asked for (404 if they may not see it)."""
    user = request_user(request)
    return user, selectors.case_for_agent(user=user, number=number)


def _report_outcome(request: HttpRequest, act: Callable[[], object], done: str = "") -> None:
    """Run `act`: a ValidationError becomes an error message on the next page, success the message `done`."""
    try:
        act()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if done:
            messages.success(request, done)


@staff_required
def console(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    # Unsolved cases unless the agent asks for others.
    form = QueueFilterForm(request.GET or {"status": "open"})
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.QueueFilters(
        status=data.get("status") or "", queue=data.get("queue"), mine=bool(data.get("mine")), q=data.get("q") or ""
    )
    page = Paginator(selectors.case_queue_list(user=user, filters=filters), 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "queues": selectors.queues_visible_to(user=user),
        "query": query.urlencode(),
    }
    template = "console/_queue_table.html" if request.headers.get("HX-Request") else "console/queue.html"
    return render(request, template, context)


def _console_case_page(request: HttpRequest, case: Case, *, status: int = 200, **forms: Any) -> HttpResponse:
    user = request_user(request)
    open_call = CallLog.objects.filter(agent=user, case=case, ended_at__isnull=True).first()
    context = {
        "case": case,
        "conversation": selectors.messages_for_agent(case=case),
        "reply_form": forms.get("reply_form") or MessageForm(),
        "note_form": forms.get("note_form") or MessageForm(),
        "status_form": StatusForm(initial={"status": case.status}),
        "call_form": forms.get("call_form") or CallEndForm(),
        "agents": selectors.agents_for_case(case=case),
        "open_call": open_call,
        "calls": case.calls.select_related("agent")[:10],
        "panels": panels_for(agent=user, case=case),
    }
    return render(request, "console/case.html", context, status=status)


@staff_required
def console_case(request: HttpRequest, number: str) -> HttpResponse:
    _, case = _agent_case(request, number)
    return _console_case_page(request, case)


@require_POST
@staff_required
def console_reply(request: HttpRequest, number: str) -> HttpResponse:
    return _message_action(request, number, kind="reply")


@require_POST
@staff_required
def console_note(request: HttpRequest, number: str) -> HttpResponse:
    return _message_action(request, number, kind="note")


def _message_action(request: HttpRequest, number: str, *, kind: str) -> HttpResponse:
    user, case = _agent_case(request, number)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _console_case_page(request, case, status=422, **{f"{kind}_form": form})
    if kind == "reply":
        try:
            services.case_reply(case=case, author=user, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error("body", error)
            return _console_case_page(request, case, status=422, reply_form=form)
        messages.success(request, _("Reply sent to the customer."))
    else:
        services.case_add_note(case=case, author=user, body=form.cleaned_data["body"])
        messages.success(request, _("Internal note added."))
    return redirect(case)


@require_POST
@staff_required
def console_status(request: HttpRequest, number: str) -> HttpResponse:
    user, case = _agent_case(request, number)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
        return redirect(case)
    services.case_change_status(case=case, actor=user, status=form.cleaned_data["status"])
    messages.success(request, _("Status changed."))
    return redirect(case)


@require_POST
@staff_required
def console_assign(request: HttpRequest, number: str) -> HttpResponse:
    user, case = _agent_case(request, number)
    form = AssignForm(request.POST)
    assignee_id = form.cleaned_data["assignee"] if form.is_valid() else None
    assignee = User.objects.filter(pk=assignee_id).first() if assignee_id else None
    _report_outcome(
        request, lambda: services.case_assign(case=case, actor=user, assignee=assignee), _("Assignment saved.")
    )
    return redirect(case)


@require_POST
@staff_required
def console_call_start(request: HttpRequest, number: str) -> HttpResponse:
    user, case = _agent_case(request, number)
    _report_outcome(request, lambda: services.call_start(case=case, agent=user))
    return redirect(case)


@require_POST
@staff_required
def console_call_end(request: HttpRequest, number: str, call_id: int) -> HttpResponse:
    user, case = _agent_case(request, number)
    call = get_object_or_404(CallLog, pk=call_id, case=case, agent=user)
    form = CallEndForm(request.POST)
    if not form.is_valid():
        return _console_case_page(request, case, status=422, call_form=form)
    outcome = form.cleaned_data["outcome"]
    _report_outcome(
        request, lambda: services.call_end(call=call, agent=user, outcome=outcome), _("Call ended and logged.")
    )
    return redirect(case)


@require_GET
@staff_required
def console_suggest(request: HttpRequest) -> HttpResponse:
    """Articles for what the agent types, in the customer's language (others marked)."""
    user = request_user(request)
    number = request.GET.get("case", "")
    case = selectors.case_for_agent(user=user, number=number) if number else None
    query = suggestion_query_from(
        request.GET, max_chars=MAX_SUGGEST_CHARS, locale=case.locale if case else UNSET, limit=SUGGESTIONS_SHOWN
    )
    solved_keys = selectors.article_keys_of(article_id=case.solved_by_id) if case else set()
    context = {"case": case, "solved_keys": solved_keys, "site_url": settings.SITE_URL.rstrip("/")}
    return suggestions_render(request, query, template="console/_suggestions.html", context=context)


@require_POST
@staff_required
def console_solved_by(request: HttpRequest, number: str) -> HttpResponse:
    user, case = _agent_case(request, number)
    key, query = request.POST.get("key", "")[:64], request.POST.get("q", "")
    _report_outcome(
        request,
        lambda: services.case_mark_solved_by(case=case, actor=user, article_key=key, query=query),
        _("Recorded the article that solved this case."),
    )
    return redirect(case)


@staff_required
def console_new_case(request: HttpRequest) -> HttpResponse:
    """An agent on the phone opens a case for the caller; typing its title brings up articles."""
    user = request_user(request)
    # The screen pop of a ringing call links here with the caller's number (and email, if known).
    prefill = {key: request.GET[key][:254] for key in ("customer_email", "contact_phone") if request.GET.get(key)}
    form = AgentCaseForm(request.POST or None, initial={"locale": _locale(), **prefill})
    if request.method == "POST" and form.is_valid():
        case = services.case_open_for_customer(agent=user, **form.cleaned_data)
        messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
        return redirect(case)
    return render(request, "console/case_new.html", {"form": form}, status=422 if form.errors else 200)
