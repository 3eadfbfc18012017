from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from caselog.cases import selectors, services
from caselog.cases.forms import (
    ContactForm,
    MessageForm,
)
from caselog.cases.models import Case
from caselog.core.requests import request_user, request_user_or_none
from caselog.knowledge.models import ProductGroup, Topic
from caselog.search.doors import (
    SuggestionFeedbackError,
    SuggestionsThrottled,
    suggestion_feedback,
    suggestions_render,
    suggestions_throttled,
)
from caselog.search.queries import suggestion_query_from

LAST_SUBMISSION_KEY = "cases.last_submission"
SUGGESTIONS_SHOWN = 6
MAX_SUGGEST_CHARS = 400


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


# The agent console's pages are in caselog/console/views/cases.py.


# --- Article suggestions (the one search front door: search.doors) ----------------------


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


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None
