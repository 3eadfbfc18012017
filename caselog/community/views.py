from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caselog.accounts.models import User
from caselog.community import selectors, services
from caselog.community.forms import ReplyForm, SortForm, ThreadForm, ToCaseForm
from caselog.community.models import Thread
from caselog.core.decorators import permission_required_or_404
from caselog.search.models import DocumentKind, FeedbackSignal, SearchDocument
from caselog.search.services import suggestion_feedback_record

THREADS_PER_PAGE = 20
UNPROCESSABLE = 422


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _locale() -> str:
    return (get_language() or "en")[:2]


def _error(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def index(request: HttpRequest) -> HttpResponse:
    sections = list(selectors.section_list())
    here = _locale()
    sections.sort(key=lambda s: (s.locale != here, s.locale, s.position, s.slug))
    return render(request, "community/index.html", {"sections": sections, "here": here})


def section(request: HttpRequest, slug: str) -> HttpResponse:
    current = selectors.section_get(slug=slug)
    form = SortForm(request.GET)
    sort = (form.cleaned_data.get("sort") if form.is_valid() else "") or selectors.ThreadSort.ACTIVITY
    page = Paginator(selectors.thread_list(section=current, sort=sort), THREADS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "community/section.html", {"section": current, "page": page, "sort": sort})


@login_required
def thread_new(request: HttpRequest, slug: str) -> HttpResponse:
    current = selectors.section_get(slug=slug)
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_create(author=_user(request), section=current, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(thread)
    status = UNPROCESSABLE if request.method == "POST" else 200
    return render(request, "community/thread_new.html", {"section": current, "form": form}, status=status)


def suggest(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("title", "")[:200]
    group = request.GET.get("group", "")[:100] or None
    similar = selectors.similar_suggest(text=text, locale=_locale(), product_group=group)
    return render(request, "community/_suggestions.html", {"similar": similar, "text": text})


def deflect(request: HttpRequest) -> HttpResponse:
    """Someone about to ask opened a suggestion instead: count it, then take them there."""
    kind = request.GET.get("kind", "")
    key = request.GET.get("key", "")[:200]
    if kind not in DocumentKind.values:
        raise Http404
    document = SearchDocument.objects.filter(kind=kind, key=key, published=True).first()
    if document is None or not url_has_allowed_host_and_scheme(document.url, allowed_hosts={request.get_host()}):
        raise Http404
    suggestion_feedback_record(
        key=key,
        kind=kind,
        query=request.GET.get("q", ""),
        locale=_locale(),
        signal=FeedbackSignal.DEFLECTED,
        user=request.user,
    )
    return redirect(document.url)


def thread(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.thread_for_user(user=request.user, pk=pk)
    return _thread_render(request, current, ReplyForm())


def _thread_render(request: HttpRequest, current: Thread, reply_form: ReplyForm, status: int = 200) -> HttpResponse:
    user = request.user
    page = selectors.thread_page(user=user, thread=current)
    context = {
        "page": page,
        "thread": current,
        "reply_form": reply_form,
        "is_rep": services.is_representative(user),
        "can_moderate": services.can_moderate(user),
        "can_edit_articles": user.has_perm("knowledge.edit_article"),
        "to_case_form": ToCaseForm(product_group_id=current.section.product_group_id),
    }
    return render(request, "community/thread.html", context, status=status)


@login_required
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.thread_for_user(user=request.user, pk=pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply_create(author=_user(request), thread=current, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error("body", error)
        else:
            return redirect(current)
    return _thread_render(request, current, form, status=UNPROCESSABLE)


@login_required
@require_POST
def vote(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    user = _user(request)
    if kind not in ("thread", "reply"):
        raise Http404
    thread_obj = selectors.thread_for_user(user=user, pk=pk) if kind == "thread" else None
    reply_obj = None if thread_obj is not None else selectors.reply_for_user(user=user, pk=pk)
    back = thread_obj if thread_obj is not None else reply_obj.thread  # type: ignore[union-attr]
    try:
        services.vote_cast(user=user, thread=thread_obj, reply=reply_obj)
    except ValidationError as error:
        _error(request, error)
    return redirect(back)


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    reply_obj = selectors.reply_for_user(user=request.user, pk=pk)
    try:
        services.reply_accept(actor=_user(request), reply=reply_obj)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as error:
        _error(request, error)
    return redirect(reply_obj.thread)


@login_required
@require_POST
def pin(request: HttpRequest, pk: int) -> HttpResponse:
    reply_obj = selectors.reply_for_user(user=request.user, pk=pk)
    try:
        services.reply_pin(actor=_user(request), reply=reply_obj)
    except PermissionDenied as exc:
        raise Http404 from exc
    return redirect(reply_obj.thread)


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.thread_for_user(user=request.user, pk=pk)
    action = request.POST.get("action", "")
    changes = {
        "hide": {"hidden": True},
        "show": {"hidden": False},
        "lock": {"locked": True},
        "unlock": {"locked": False},
    }
    if action not in changes:
        raise Http404
    try:
        services.thread_moderate(actor=_user(request), thread=current, **changes[action])
    except PermissionDenied as exc:
        raise Http404 from exc
    return redirect(current)


@login_required
@require_POST
def reply_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    reply_obj = selectors.reply_for_user(user=request.user, pk=pk)
    try:
        services.reply_hide(actor=_user(request), reply=reply_obj, hidden=request.POST.get("action") == "hide")
    except PermissionDenied as exc:
        raise Http404 from exc
    return redirect(reply_obj.thread)


@login_required
@require_POST
def to_case(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.thread_for_user(user=request.user, pk=pk)
    if not services.is_representative(request.user):
        raise Http404
    form = ToCaseForm(request.POST, product_group_id=current.section.product_group_id)
    if not form.is_valid():
        _error(request, ValidationError(_("Choose a request type.")))
        return redirect(current)
    try:
        case = services.thread_to_case(
            actor=_user(request), thread=current, request_type=form.cleaned_data["request_type"]
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as error:
        _error(request, error)
        return redirect(current)
    messages.success(request, _("Case %(number)s opened for this thread.") % {"number": case.number})
    return redirect(current)


@login_required
@require_POST
def to_article(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.thread_for_user(user=request.user, pk=pk)
    try:
        translation = services.thread_to_article(actor=_user(request), thread=current)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as error:
        _error(request, error)
        return redirect(current)
    messages.success(request, _("Draft article created: %(title)s") % {"title": translation.title})
    return redirect(current)


@login_required
@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    current = selectors.thread_for_user(user=request.user, pk=pk)
    reply_id = request.POST.get("reply", "")
    reply_obj = selectors.reply_for_user(user=request.user, pk=int(reply_id)) if reply_id.isdigit() else None
    if reply_obj is not None and reply_obj.thread_id != current.pk:
        raise Http404
    services.report_create(
        reporter=_user(request), thread=current, reply=reply_obj, reason=request.POST.get("reason", "")
    )
    messages.success(request, _("Thank you: a moderator will look at it."))
    return redirect(current)


@permission_required_or_404(services.MODERATE_PERMISSION)
def moderation_queue(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.report_queue(), THREADS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "community/moderation.html", {"page": page})


@permission_required_or_404(services.MODERATE_PERMISSION)
@require_POST
def report_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.report_queue().filter(pk=pk).first()
    if item is None:
        raise Http404
    services.report_resolve(actor=_user(request), report=item)
    return redirect("community:moderation")
