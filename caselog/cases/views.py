from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from caselog.accounts.models import User
from caselog.cases import selectors, services
from caselog.cases.forms import (
    AgentCaseForm,
    AssignForm,
    CallEndForm,
    ContactForm,
    MessageForm,
    QueueFilterForm,
    StatusForm,
)
from caselog.cases.models import CallLog, Case
from caselog.cases.panels import panels_for
from caselog.core.decorators import staff_required
from caselog.core.requests import request_user, request_user_or_none
from caselog.knowledge.models import ProductGroup, Topic
from caselog.search.doors import (
    SuggestionFeedbackError,
    SuggestionsThrottled,
    suggestion_feedback,
    suggestions_render,
    suggestions_throttled,
)
from caselog.search.queries import UNSET, suggestion_query_from

LAST_SUBMISSION_KEY = "cases.last_submission"
SUGGESTIONS_SHOWN = 6
MAX_SUGGEST_CHARS = 400


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


def _locale() -> str:
    return (get_language() or "en")[:2]


# --- Customers -------------------------------------------------------------------------


def _contact_initial(request: HttpRequest) -> dict[str, Any]:
    """Preselect from the help center's "Get support" link (?product_group=iphone&topic=...)."""
    initial: dict[str, Any] = {}
    group = ProductGroup.objects.filter(slug=request.GET.get("product_group", "")).first()
    if group is not None:
        initial["product_group"] = group.pk
        topic = Topic.objects.filter(product_group=group, slug=request.GET.get("topic", "")).first()
        if topic is not None:
            initial["topic"] = topic.pk
    user = request_user_or_none(request)
    if user is not None:
        initial.update(contact_email=user.email, contact_name=user.get_full_name(), contact_phone=user.phone)
    return initial


def contact(request: HttpRequest) -> HttpResponse:
    locale = _locale()
    if request.method != "POST":
        form = ContactForm(initial=_contact_initial(request), locale=locale)
    elif "refresh" in request.POST:
        # The customer changed a choice: show the fields that choice needs, keep all they typed.
        typed = {key: value for key, value in request.POST.dict().items() if value}
        form = ContactForm(initial={**_contact_initial(request), **typed}, locale=locale)
    else:
        form = ContactForm(request.POST, locale=locale)
        if form.is_valid():
            return _contact_submit(request, form, locale)
    template = "cases/_contact_form.html" if request.headers.get("HX-Request") else "cases/contact.html"
    return render(request, template, {"form": form}, status=422 if form.errors else 200)


def _contact_submit(request: HttpRequest, form: ContactForm, locale: str) -> HttpResponse:
    data = form.cleaned_data
    submitter = request_user_or_none(request)
    submission = services.case_submit(
        submitter=submitter,
        locale=locale,
        request_type=data["request_type"],
        subject=data["subject"],
        description=data["description"],
        contact_email=data["contact_email"],
        contact_name=data["contact_name"],
        contact_method=data["contact_method"],
        contact_phone=data["contact_phone"],
        order_number=data["order_number"],
    )
    request.session[LAST_SUBMISSION_KEY] = {
        "number": submission.case.number,
        "created": submission.created,
        "hours": submission.case.request_type.first_response_hours,
        "due": submission.case.first_response_due.isoformat(),
        "guest": submission.case.customer_id is None,
    }
    return redirect("cases:contact_done")


def contact_done(request: HttpRequest) -> HttpResponse:
    submission = request.session.get(LAST_SUBMISSION_KEY)
    if not submission:
        return redirect("cases:contact")
    return render(request, "cases/contact_done.html", {"submission": submission})


@login_required
def my_cases(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    page = Paginator(selectors.case_list_for_customer(user=user), 20).get_page(request.GET.get("page"))
    return render(request, "cases/my_cases.html", {"page": page})


def _customer_case_page(request: HttpRequest, case: Case, *, post_url: str) -> HttpResponse:
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_customer_reply(
                case=case, author=request_user_or_none(request), body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            form.add_error("body", error)
        else:
            messages.success(request, _("Your message was added to the case."))
            return redirect(post_url)
    context = {
        "case": case,
        "conversation": selectors.messages_for_customer(case=case),
        "form": form,
        "post_url": post_url,
    }
    return render(request, "cases/customer_case.html", context, status=422 if form.errors else 200)


@login_required
def my_case(request: HttpRequest, number: str) -> HttpResponse:
    user = request_user(request)
    case = selectors.case_for_customer(user=user, number=number)
    return _customer_case_page(request, case, post_url=request.path)


def guest_case(request: HttpRequest, token: str) -> HttpResponse:
    case = selectors.case_for_guest(token=token)
    return _customer_case_page(request, case, post_url=request.path)


# --- Agent console ---------------------------------------------------------------------


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
    template = "cases/_queue_table.html" if request.headers.get("HX-Request") else "cases/console.html"
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
    return render(request, "cases/console_case.html", context, status=status)


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


# --- Article suggestions (the one search front door: search.doors) ----------------------


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
    return suggestions_render(request, query, template="cases/_console_suggestions.html", context=context)


@require_GET
def contact_suggest(request: HttpRequest) -> HttpResponse:
    """Deflection: articles that match what the customer is typing into the contact form."""
    group_id = _int_or_none(request.GET.get("product_group"))
    group = ProductGroup.objects.filter(pk=group_id).first() if group_id else None
    query = suggestion_query_from(
        request.GET,
        text_fields=("subject", "description"),
        max_chars=MAX_SUGGEST_CHARS,
        locale=_locale(),
        product_group=group.slug if group else None,
        limit=SUGGESTIONS_SHOWN,
    )
    return suggestions_render(request, query, template="cases/_contact_suggestions.html")


@require_POST
def contact_deflect(request: HttpRequest) -> HttpResponse:
    """'This solved my problem': no case is opened and the deflection is counted."""
    key, query = request.POST.get("key", "")[:64], request.POST.get("q", "")[:MAX_SUGGEST_CHARS]
    try:
        suggestion_feedback(
            request,
            key=key,
            kind="article",
            query=query,
            locale=_locale(),
            signal="deflected",
            user=request_user_or_none(request),
        )
    except SuggestionsThrottled as error:
        return suggestions_throttled(request, error)
    except (ObjectDoesNotExist, SuggestionFeedbackError):
        messages.error(request, _("That article is no longer available."))
        return redirect("cases:contact")
    return render(request, "cases/contact_deflected.html")


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
    return render(request, "cases/console_new_case.html", {"form": form}, status=422 if form.errors else 200)


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None
